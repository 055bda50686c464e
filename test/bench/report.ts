/** Statistics over repeated measurements, the issue's targets, and the results table. */

/** Linear-interpolation percentile (q in 0–1) of the samples; undefined for none. */
export function percentile(samples: readonly number[], q: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export interface Summary {
  n: number;
  p50?: number;
  p95?: number;
  min?: number;
  max?: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), min: percentile(samples, 0), max: percentile(samples, 1) };
}

export type Stat = 'p50' | 'p95' | 'max';

/** A target of issue 7, for the 10k corpus unless `sizes` says otherwise. */
export interface Target {
  stat: Stat;
  limit: number;
  sizes: readonly string[];
}

export interface Row {
  size: string;
  measure: string;
  unit: 'ms' | 's' | 'MB' | '×' | '';
  summary?: Summary;
  /** A value in words instead of figures (progress seen, an error). */
  text?: string;
  target?: Target;
  result?: 'PASS' | 'FAIL';
}

/** PASS or FAIL for a row at a size its target is for; other sizes show the target for comparison only. */
export function judge(row: Row): Row {
  const target = row.target;
  if (!target || !target.sizes.includes(row.size)) return row;
  const value = row.summary?.[target.stat];
  return { ...row, result: value === undefined ? 'FAIL' : value <= target.limit ? 'PASS' : 'FAIL' };
}

function figure(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined) return '—';
  const digits = unit === 's' ? (value < 10 ? 2 : 1) : unit === 'ms' ? (value < 10 ? 2 : value < 100 ? 1 : 0) : unit === '×' ? 1 : 0;
  return value.toFixed(digits);
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['Size', 'Measure', 'p50', 'p95', 'n', 'Target', 'Result'];
  const cells = rows.map((row) => {
    const unit = row.unit ? ` ${row.unit}` : '';
    const p50 = row.text ?? (row.summary ? figure(row.summary.p50, row.unit) + unit : '');
    const p95 = row.text || !row.summary || row.summary.n < 2 || row.summary.p95 === undefined ? '' : figure(row.summary.p95, row.unit) + unit;
    const judged = row.target?.sizes.includes(row.size);
    const target = row.target ? `${row.target.stat} ≤ ${row.target.limit}${unit}${judged ? '' : ` at ${row.target.sizes.join(', ')}`}` : '';
    return [row.size, row.measure, p50, p95, row.summary && !row.text ? String(row.summary.n) : '', target, row.result ?? ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i >= 2 && i <= 4 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`, ...cells.map(line)].join('\n');
}
