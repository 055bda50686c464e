import type { Rule } from '../rule';

/** Byte offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const rule: Rule = {
  id: 'utf8-encoding',
  category: 'encoding',
  description: 'The file must be valid UTF-8; a file that is not is reported once and otherwise left alone.',
  defaultSeverity: 'error',
  docs: {
    rationale:
      'Every tool downstream reads the corpus as UTF-8. A file in Latin-1, Windows-1252 or UTF-16 would be misread, so it gets this one diagnostic and no other check runs on it: fixing anything else before the encoding is settled could damage the text. Re-save the file as UTF-8.',
    bad: { text: '', bytesHex: '4772fcdf650a0a4469652053747261df65206973742067726fdf2e' },
    good: { text: 'Grüße\n\nDie Straße ist groß.' },
  },
  checkBytes(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe || bytes[0] === 0xfe && bytes[1] === 0xff) {
      const order = bytes[0] === 0xff ? 'FF FE' : 'FE FF';
      return [{ span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `The file is UTF-16 (byte order mark ${order}), not UTF-8: re-save it as UTF-8. Nothing else was checked.` }];
    }
    const bad = firstInvalidByte(bytes);
    if (bad < 0) return [];
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const character = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length;
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return [{
      span: { start: 0, end: 0 },
      range: { start: { line, character }, end: { line, character: character + 1 } },
      message: `The file is not valid UTF-8 (byte 0x${hex} at line ${line + 1}); re-save it as UTF-8. Nothing else was checked.`,
      data: { byteOffset: bad },
    }];
  },
};

export default rule;
