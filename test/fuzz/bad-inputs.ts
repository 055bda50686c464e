// Files that are not articles, or are articles only in name: the inputs of test/unit/bad-input.test.ts, built in
// the worker that checks them (some are megabytes).
import type { ArticleInput } from '../../server/src/core/analyze';

/** A deterministic byte generator (mulberry32), so a failure names the same bytes every time. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

const article = '---\nlang: de\n---\nGröße und Ärger über das Café\n\nDie Leica Camera AG baut ihre Kooperationen aus, schreibt „fotoMAGAZIN“.\n';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
  if (order === 'be') for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
  return bytes;
}

// A PNG file's signature and its first chunk (IHDR, 1×1 pixel), as an image saved with a .txt name would start.
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde]);

const nested = (open: string, close: string, depth: number) => `${open.repeat(depth)}Kern${close.repeat(depth)}`;

export const badInputs = {
  'random bytes (64 KB)': (): ArticleInput => ({ bytes: randomBytes(64 * 1024, 7) }),
  'a PNG image': (): ArticleInput => ({ bytes: png }),
  'Latin-1 text': (): ArticleInput => ({ bytes: new Uint8Array(Buffer.from(article, 'latin1')) }),
  'UTF-16 LE with a byte order mark': (): ArticleInput => ({ bytes: utf16(article, 'le') }),
  'UTF-16 BE with a byte order mark': (): ArticleInput => ({ bytes: utf16(article, 'be') }),
  'an empty file': (): ArticleInput => ({ bytes: new Uint8Array() }),
  'an empty buffer': (): ArticleInput => ({ text: '' }),
  'a header only': (): ArticleInput => ({ text: '---\nlang: de\nsource: fotoMAGAZIN\n---\n' }),
  'a header never closed': (): ArticleInput => ({ text: '---\nlang: de\nsource: fotoMAGAZIN\n\nLeica und Xiaomi\n\nDie Leica Camera AG baut ihre Kooperationen aus.\n' }),
  'a header never closed, to the end of the file': (): ArticleInput => ({ text: '---\nlang: de\nsource: fotoMAGAZIN' }),
  'only whitespace': (): ArticleInput => ({ text: ' \t\u00a0\n   \n\u2003\n\n \n' }),
  'CR-only line endings': (): ArticleInput => ({ text: article.replace(/\n/g, '\r') }),
  'NUL bytes': (): ArticleInput => ({ bytes: new Uint8Array(Buffer.from(article.replace('Kooperationen', 'Koop\u0000era\u0000\u0000tionen'), 'utf8')) }),
  'a 10 MB single line': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\n${'Leica und Xiaomi bauen Kameras. '.repeat(330_000)}\n` }),
  'a 10 MB single line, as bytes': (): ArticleInput => ({ bytes: new Uint8Array(Buffer.from(`Titel\n\n${'Leica und Xiaomi bauen Kameras. '.repeat(330_000)}\n`, 'utf8')) }),
  '200,000 lines': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n${'\nLeica baut.\n'.repeat(100_000)}` }),
  '200,000 lines without blank lines': (): ArticleInput => ({ text: `Titel\n\n${'Zeile\n'.repeat(200_000)}` }),
  '20,000 whitespace-only lines': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\n${'\n '.repeat(20_000)}\nText.\n` }),
  'a 100 KB word': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\n${'Kamera'.repeat(17_000)}\n` }),
  '10,000 levels of nested brackets': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${nested('([', '])', 5_000)} und mehr.\n` }),
  '10,000 levels of nested quotes': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${nested('„«', '»“', 5_000)}.\n` }),
  '10,000 levels of mixed nesting': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${nested('(„[«', '»]“)', 2_500)}.\n` }),
  '10,000 unclosed brackets': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${'('.repeat(5_000)}${'['.repeat(5_000)}\n` }),
  '10,000 closing brackets without opening': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${'x)'.repeat(5_000)}${']'.repeat(5_000)}\n` }),
  '10,001 straight quotes': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${'"'.repeat(10_001)}\n` }),
  '10,000 unbalanced quotes of every kind': (): ArticleInput => ({ text: `---\nlang: de\n---\nTitel\n\nText ${'„»«“”'.repeat(2_000)}\n` }),
} satisfies Record<string, () => ArticleInput>;

export type BadInputName = keyof typeof badInputs;
