// Every bench prints its result as one table: Herald's figures beside the baseline measured in the same run.
export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  notes?: string[];
}

function cell(value: string | number): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

export function formatTable(table: BenchTable): string {
  const cells = table.rows.map((row) => row.map(cell));
  const widths = table.columns.map((name, i) =>
    Math.max(name.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  // First column (labels) left-aligned, figures right-aligned.
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const separator = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const out = [`\n## ${table.title}\n`, line(table.columns), separator, ...cells.map(line)];
  if (table.notes?.length) out.push('', ...table.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}

export function printTable(table: BenchTable): void {
  process.stdout.write(formatTable(table));
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function ratio(herald: number, baseline: number): string {
  if (!Number.isFinite(herald) || !Number.isFinite(baseline) || baseline === 0) return '–';
  return `${(herald / baseline).toFixed(2)}×`;
}
