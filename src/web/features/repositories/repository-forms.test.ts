import { describe, expect, it } from 'vitest';
import { type BackfillChoice, backfillRequest, fromRows, toRows } from './repository-forms';

const choice = (patch: Partial<BackfillChoice>): BackfillChoice => ({
  mode: 'count',
  count: '50',
  since: '',
  until: '',
  ...patch,
});

describe('the backfill choice', () => {
  it('asks for nothing, a count, or whole days in UTC', () => {
    expect(backfillRequest(choice({ mode: 'none' }))).toBeUndefined();
    expect(backfillRequest(choice({ count: '25' }))).toEqual({ count: 25 });
    expect(backfillRequest(choice({ mode: 'range', since: '2026-01-05' }))).toEqual({
      since: '2026-01-05T00:00:00.000Z',
    });
    expect(backfillRequest(choice({ mode: 'range', since: '2026-01-05', until: '2026-01-05' }))).toEqual({
      since: '2026-01-05T00:00:00.000Z',
      until: '2026-01-05T23:59:59.000Z',
    });
  });

  it('is incomplete (null) for counts outside 1..1000, a missing start, or an end before the start', () => {
    for (const count of ['0', '1001', '2.5', '', 'ten'])
      expect(backfillRequest(choice({ count }))).toBeNull();
    expect(backfillRequest(choice({ mode: 'range' }))).toBeNull();
    expect(backfillRequest(choice({ mode: 'range', since: '2026-02-01', until: '2026-01-31' }))).toBeNull();
    expect(backfillRequest(choice({ mode: 'range', since: 'yesterday' }))).toBeNull();
  });
});

describe('mapping rows', () => {
  it('round-trip a mapping, lower-casing and trimming keys and dropping empty ones', () => {
    const rows = toRows({ bug: 'Fixed', feature: 'New' });
    expect(rows).toEqual([
      { key: 'bug', category: 'Fixed' },
      { key: 'feature', category: 'New' },
    ]);
    expect(
      fromRows([...rows, { key: '  UX ', category: 'Improved' }, { key: ' ', category: 'Other' }]),
    ).toEqual({
      bug: 'Fixed',
      feature: 'New',
      ux: 'Improved',
    });
  });
});
