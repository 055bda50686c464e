/**
 * What VS Code must show on each of the five seeds, as rule id and 1-based line. The format findings are the
 * golden lists of test/unit/seeds.test.ts (which proves them on the engine with the default configuration);
 * in the editor the seeds' corpus config also names their knowledge base, entities.json, which adds the
 * entity findings.
 */
export type Finding = [code: string, line: number];

const formatFindings: Record<string, Finding[]> = {
  '000_ebeef4f3d678d313.txt': [['lang-missing', 1], ['doubled-word', 3], ['paragraph-language', 13], ['whitespace-only-line', 31], ['web-residue', 33]],
  '001_ad4d302a0f406064.txt': [['lang-missing', 1], ['quote-balance', 11]],
  '002_4d1a318a818ef0be.txt': [['lang-missing', 1], ['paragraph-separation', 20], ['web-residue', 28], ['web-residue', 30]],
  '003_03ee35439bc31269.txt': [
    ['lang-missing', 1], ['title-separation', 1], ['bracket-spacing', 1],
    ['paragraph-separation', 3], ['paragraph-separation', 4], ['paragraph-separation', 5], ['paragraph-separation', 8], ['paragraph-separation', 9],
  ],
  '004_41a9ae8dc5d7d7d4.txt': [['lang-missing', 1], ['dateline', 3], ['quote-style', 5], ['quote-style', 5], ['web-residue', 7]],
};

const knowledgeBaseFindings: Record<string, Finding[]> = {
  '002_4d1a318a818ef0be.txt': [['entity-case', 15]], // “SHARP”, written “Sharp” in the knowledge base
  '003_03ee35439bc31269.txt': [['entity-misspelling', 2]], // “Lecia” for “Leica”
};

export const goldenFindings: Record<string, Finding[]> = Object.fromEntries(
  Object.entries(formatFindings).map(([name, findings]) => [name, sortFindings([...findings, ...(knowledgeBaseFindings[name] ?? [])])]),
);

export const seedNames = Object.keys(goldenFindings);

/** Findings in a stable order (by line, then rule), so lists compare whatever order they were reported in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}
