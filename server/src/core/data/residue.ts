/**
 * Web residue: lines that scrapers carry over from article pages (share buttons, comment forms, "read more").
 * Kept as data, one list per language, so a curator can extend it without touching the rule.
 * Each entry matches a whole line (case-insensitive, after trimming); a leading "- " or "» " and a trailing
 * "..." or "…" are allowed around it.
 */
export const webResidue: Record<string, readonly string[]> = {
  de: [
    'Beitr(a|ä)ge? teilen',
    'Artikel teilen',
    'Jetzt teilen',
    'Teilen( auf (Facebook|Twitter|X|WhatsApp|LinkedIn))?',
    'Schreibe(n Sie)? einen Kommentar',
    'Kommentar schreiben',
    'Kommentare? anzeigen',
    'Deine E-Mail-Adresse wird nicht veröffentlicht\\..*',
    'Ihre E-Mail-Adresse wird nicht veröffentlicht\\..*',
    'Erforderliche Felder sind mit \\* markiert\\.?',
    'Weiterlesen',
    'Mehr lesen',
    'Mehr dazu',
    'Zum Artikel',
  ],
  it: [
    'Continua( a leggere)?',
    'Leggi (anche|di più|tutto)',
    'Condividi( su (Facebook|Twitter|X|WhatsApp|LinkedIn))?',
    "Condividi (questo|l'|l’)articolo",
    'Lascia un commento',
    'Commenta',
    'Il tuo indirizzo (e-?mail|email) non sarà pubblicato\\..*',
    'I campi obbligatori sono contrassegnati.*',
  ],
  en: [
    'Share( (this|the) (article|post|story))?',
    'Share on (Facebook|Twitter|X|WhatsApp|LinkedIn)',
    'Leave a (comment|reply)',
    'Your email address will not be published\\..*',
    'Required fields are marked \\*\\.?',
    'Read more',
    'Continue reading',
    'Comments?',
  ],
  fr: [
    'Partager( (cet|l’|l\')article)?',
    'Partager sur (Facebook|Twitter|X|WhatsApp|LinkedIn)',
    'Laisser un commentaire',
    'Laissez un commentaire',
    'Votre adresse (e-?mail|de messagerie) ne sera pas publiée\\..*',
    'Les champs obligatoires sont indiqués.*',
    'Lire la suite',
    'Lire aussi',
  ],
  es: [
    'Compartir( (este|el) artículo)?',
    'Compartir en (Facebook|Twitter|X|WhatsApp|LinkedIn)',
    'Deja un comentario',
    'Dejar un comentario',
    'Tu dirección de correo electrónico no será publicada\\..*',
    'Los campos obligatorios están marcados.*',
    'Leer más',
    'Seguir leyendo',
    'Sigue leyendo',
  ],
};

export interface ResidueMatcher {
  language: string;
  pattern: RegExp;
}

const wrapper = (body: string) => new RegExp(`^(?:[-–—»•]\\s*)?(?:${body})\\s*(?:\\.\\.\\.|…)?$`, 'iu');

/** Compiled once: every pattern of every language, each anchored to a whole line. */
export const residueMatchers: readonly ResidueMatcher[] = Object.entries(webResidue).flatMap(([language, bodies]) =>
  bodies.map((body) => ({ language, pattern: wrapper(body) })),
);

export function matchResidue(line: string): ResidueMatcher | undefined {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return undefined;
  return residueMatchers.find((m) => m.pattern.test(trimmed));
}
