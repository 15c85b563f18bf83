import { describe, expect, it } from 'vitest';
import { diffLines, diffSummary } from './diff.ts';

const kinds = (before: string, after: string) => diffLines(before, after).map((row) => row.kind);

describe('the side-by-side diff of two prompt versions', () => {
  it('shows identical texts as unchanged lines', () => {
    expect(kinds('a\nb', 'a\nb')).toEqual(['same', 'same']);
    expect(diffSummary(diffLines('a\nb', 'a\nb'))).toEqual({ added: 0, removed: 0 });
  });

  it('pairs an edited line with its new text', () => {
    const rows = diffLines(
      'You are a coach.\nAnswer: {{QUERY}}',
      'You are a coach.\n{{USER_PERSONA__persona}}\nAnswer: {{QUERY}}',
    );
    expect(rows.map((row) => row.kind)).toEqual(['same', 'added', 'same']);
    expect(rows[1]).toEqual({ kind: 'added', left: null, right: { number: 2, text: '{{USER_PERSONA__persona}}' } });
    expect(rows[2]).toMatchObject({ left: { number: 2 }, right: { number: 3 } });
  });

  it('shows a replaced line as changed, left old and right new', () => {
    const rows = diffLines('one\ntwo\nthree', 'one\nTWO\nthree');
    expect(rows[1]).toEqual({ kind: 'changed', left: { number: 2, text: 'two' }, right: { number: 2, text: 'TWO' } });
  });

  it('lists removed lines that have no counterpart', () => {
    expect(kinds('a\nb\nc\nd', 'a\nd')).toEqual(['same', 'removed', 'removed', 'same']);
    expect(diffSummary(diffLines('a\nb\nc\nd', 'a\nd'))).toEqual({ added: 0, removed: 2 });
  });

  it('keeps every line of both sides, in order', () => {
    const before = 'intro\nx1\nshared\nx2\nend';
    const after = 'intro\ny1\nshared\ny2\ny3\nend';
    const rows = diffLines(before, after);
    expect(rows.flatMap((row) => (row.left ? [row.left.text] : []))).toEqual(before.split('\n'));
    expect(rows.flatMap((row) => (row.right ? [row.right.text] : []))).toEqual(after.split('\n'));
  });
});
