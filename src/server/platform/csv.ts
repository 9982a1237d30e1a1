// RFC 4180 CSV, both ways: quoted fields may hold commas, quotes ("") and line breaks. Exports guard
// against spreadsheet formula injection: a cell that a spreadsheet would evaluate (= + - @, tab, CR)
// is written with a leading apostrophe, which parseCsv takes off again, so export → import is lossless.

const formulaStart = /^'*[=+\-@\t\r]/;

function escapeCell(value: string): string {
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim()
    ? `"${guarded.replaceAll('"', '""')}"`
    : guarded;
}

function unguard(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return [header, ...rows]
    .map((row) => row.map(escapeCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvParseResult = { ok: true; rows: string[][] } | { ok: false; problem: CsvProblem };

/** Rows of cells; blank lines are skipped. A quote left open is reported with the line it opened on. */
export function parseCsv(text: string): CsvParseResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  let line = 1;
  let quoteLine = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    row.push(unguard(cell));
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '' && !cellStarted) {
      quoted = true;
      cellStarted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(unguard(cell));
      cell = '';
      cellStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
    } else if (ch === '"') {
      return { ok: false, problem: { line, message: 'A quote inside an unquoted field' } };
    } else {
      cell += ch;
      cellStarted = true;
    }
  }
  if (quoted) return { ok: false, problem: { line: quoteLine, message: 'A quoted field is never closed' } };
  if (cell !== '' || row.length > 0) endRow();
  return { ok: true, rows };
}
