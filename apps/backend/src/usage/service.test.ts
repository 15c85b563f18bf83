import { describe, expect, it } from 'vitest';
import { reportRange } from './service.ts';

const now = new Date('2026-12-03T12:00:00.000Z');
const iso = (range: { from: Date; to: Date }) => [range.from.toISOString(), range.to.toISOString()];

describe('the range a usage report covers', () => {
  it('is the 30 days up to now when the request names none', () => {
    expect(iso(reportRange(undefined, undefined, now))).toEqual([
      '2026-11-03T12:00:00.000Z',
      '2026-12-03T12:00:00.000Z',
    ]);
  });

  it('includes the whole of a day given as `to`', () => {
    expect(iso(reportRange('2026-03-01', '2026-03-01', now))).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it('ends at a timestamp given as `to`, and starts 30 days before it without `from`', () => {
    expect(iso(reportRange(undefined, '2026-03-31T06:00:00+02:00', now))).toEqual([
      '2026-03-01T04:00:00.000Z',
      '2026-03-31T04:00:00.000Z',
    ]);
  });

  it('refuses a `from` after `to`, also when `to` is a day that ends later', () => {
    expect(() => reportRange('2026-03-02', '2026-03-01', now)).toThrow('from (2026-03-02) is after to (2026-03-01).');
    expect(() => reportRange('2026-03-02', '2026-03-01T12:00:00Z', now)).toThrow(/is after to/);
    expect(() => reportRange('2027-01-01', undefined, now)).toThrow(
      'from (2027-01-01) is after to (2026-12-03T12:00:00.000Z).',
    );
  });

  it('takes a timestamp `from` within a day given as `to`', () => {
    expect(iso(reportRange('2026-03-01T12:00:00Z', '2026-03-01', now))).toEqual([
      '2026-03-01T12:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });
});
