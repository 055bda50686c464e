/**
 * In a browser-hosted VS Code the suites' console output reaches the launcher mixed with the workbench's own
 * log, on one channel (`codeAutomationLog`); the suites mark their report lines so the launcher can show those.
 */
export const reportMarker = '[seed-corpus e2e] ';

export function formatSummary(result: { passed: number; failed: number }): string {
  return `${result.passed} passed, ${result.failed} failed`;
}

/** The summary line, read back by a launcher. */
export function parseSummary(line: string): { passed: number; failed: number } | undefined {
  const summary = /^(\d+) passed, (\d+) failed$/.exec(line);
  return summary ? { passed: Number(summary[1]), failed: Number(summary[2]) } : undefined;
}
