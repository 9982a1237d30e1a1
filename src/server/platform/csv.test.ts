import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.ts';

describe('csv', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks, and skips blank lines', () => {
    const result = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,,3\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        ['a', 'b', 'c'],
        ['x, y', 'say "hi"', 'two\nlines'],
        ['1', '', '3'],
      ],
    });
  });

  it('reports a quote left open with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      problem: { line: 2, message: 'A quoted field is never closed' },
    });
  });

  it('writes cells a spreadsheet would evaluate with a leading apostrophe', () => {
    expect(toCsv(['h'], [['=SUM(A1)'], ['+1'], ['@x'], ['-2'], ['plain']])).toBe(
      "h\r\n'=SUM(A1)\r\n'+1\r\n'@x\r\n'-2\r\nplain\r\n",
    );
  });

  it('reads back exactly what it wrote', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 4 }), { maxLength: 8 }),
        (rows) => {
          const header = ['one', 'two', 'three', 'four'].slice(0, rows[0]?.length ?? 2);
          const width = header.length;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? 'x'));
          const parsed = parseCsv(toCsv(header, table));
          // A row of one empty cell is a blank line, which the parser skips by design.
          expect(parsed).toEqual({ ok: true, rows: [header, ...table] });
        },
      ),
    );
  });
});
