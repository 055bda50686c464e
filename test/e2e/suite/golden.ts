/**
 * What VS Code must show on each of the five seeds, as rule id and 1-based line. The format findings are the
 * golden lists of test/unit/golden.ts (which the unit tests prove on the engine with the default configuration);
 * in the editor the seeds' corpus config also names their knowledge base, entities.json, which adds the
 * entity findings.
 */
import { seedGoldenFindings as formatFindings, type Finding } from '../../unit/golden';

export type { Finding };

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
