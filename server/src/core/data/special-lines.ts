/**
 * Lines that are part of an article's apparatus rather than its prose: photo credits, sources and datelines.
 * They are recognised so that prose rules (language, typography) leave them alone.
 */

/** "Bild: …", "Fonte: …": a label, a colon, then the credited party. Labels per language, easy to extend. */
export const creditLabels: readonly string[] = [
  'Bild', 'Bilder', 'Bildquelle', 'Foto', 'Fotos', 'Quelle', 'Quellen', 'Grafik',
  'Fonte', 'Fonti', 'Immagine', 'Crediti',
  'Source', 'Sources', 'Photo', 'Photos', 'Image', 'Credit', 'Credits', 'Picture',
  'Crédit', 'Crédits', 'Illustration',
  'Fuente', 'Fuentes', 'Imagen',
];

const creditPattern = new RegExp(`^(?:${creditLabels.join('|')})\\s*:\\s*\\S.{0,200}$`, 'iu');

export function isCreditLine(line: string): boolean {
  return creditPattern.test(line.trim());
}

export interface Dateline {
  /** ISO 8601 date or date-time (no zone: the dateline gives local time). */
  published: string;
  /** The source named after the date, if any. */
  source?: string;
  /** False when day and month could be swapped (both ≤ 12 and different). */
  unambiguous: boolean;
}

// "24-05-2022 15:02 - Fonte: www.example.com", "24.05.2022 – Quelle: dpa", "2022-05-24 15:02"
const datelinePattern =
  /^(?:(\d{1,2})[-./](\d{1,2})[-./](\d{4})|(\d{4})-(\d{2})-(\d{2}))(?:,?\s+(\d{1,2})[:.](\d{2}))?(?:\s*[-–—|]\s*(?:(?:Fonte|Quelle|Source|Fuente)\s*:\s*)?(\S.{0,200}))?$/iu;

export function parseDateline(line: string): Dateline | undefined {
  const m = datelinePattern.exec(line.trim());
  if (!m) return undefined;
  const day = Number(m[1] ?? m[6]);
  const month = Number(m[2] ?? m[5]);
  const year = Number(m[3] ?? m[4]);
  if (!isCalendarDate(year, month, day)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  let published = `${year}-${pad(month)}-${pad(day)}`;
  if (m[7] !== undefined) {
    const hour = Number(m[7]);
    const minute = Number(m[8]);
    if (hour > 23 || minute > 59) return undefined;
    published += `T${pad(hour)}:${pad(minute)}`;
  }
  const iso = m[4] !== undefined;
  return { published, source: m[9]?.trim() || undefined, unambiguous: iso || day > 12 || day === month };
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}
