/**
 * The findings on each of the five seeds with the default configuration, as rule id and 1-based line, in the
 * order the engine reports them. The unit tests prove them on the engine; the real-editor tests expect them in
 * VS Code (plus the knowledge base's findings, which the default configuration does not load).
 */
export type Finding = [code: string, line: number];

export const seedGoldenFindings: Record<string, Finding[]> = {
  '000_ebeef4f3d678d313.txt': [['lang-missing', 1], ['doubled-word', 3], ['timeline-anchor', 3], ['paragraph-language', 13], ['whitespace-only-line', 31], ['web-residue', 33]],
  '001_ad4d302a0f406064.txt': [['lang-missing', 1], ['timeline-anchor', 1], ['quote-balance', 11]],
  '002_4d1a318a818ef0be.txt': [['lang-missing', 1], ['timeline-anchor', 11], ['paragraph-separation', 20], ['web-residue', 28], ['web-residue', 30]],
  '003_03ee35439bc31269.txt': [
    ['lang-missing', 1], ['title-separation', 1], ['timeline-anchor', 1], ['bracket-spacing', 1],
    ['paragraph-separation', 3], ['paragraph-separation', 4], ['paragraph-separation', 5], ['paragraph-separation', 8], ['paragraph-separation', 9],
  ],
  '004_41a9ae8dc5d7d7d4.txt': [['lang-missing', 1], ['dateline', 3], ['quote-style', 5], ['quote-style', 5], ['web-residue', 7]],
};
