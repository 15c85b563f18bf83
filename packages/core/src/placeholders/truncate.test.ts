import { describe, expect, it } from 'vitest';
import { TRUNCATION_MARKER, truncateSnippet } from './truncate.ts';

describe('truncateSnippet', () => {
  it('leaves text within the limit whole', () => {
    expect(truncateSnippet('short', { maxSnippetLength: 5 })).toBe('short');
  });

  it('cuts longer text and marks the cut, the marker counted in the limit', () => {
    const cut = truncateSnippet('a'.repeat(100), { maxSnippetLength: 30 });
    expect(cut).toBe(`${'a'.repeat(30 - TRUNCATION_MARKER.length)}${TRUNCATION_MARKER}`);
    expect(cut).toHaveLength(30);
  });

  it('yields the start of the marker when the limit is smaller than the marker', () => {
    expect(truncateSnippet('a'.repeat(100), { maxSnippetLength: 5 })).toBe(TRUNCATION_MARKER.slice(0, 5));
    expect(truncateSnippet('a'.repeat(100), { maxSnippetLength: 0 })).toBe('');
  });

  it('does not split a surrogate pair at the cut', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(50)}`;
    const cut = truncateSnippet(text, { maxSnippetLength: 10 + TRUNCATION_MARKER.length });
    expect(cut).toBe(`${'a'.repeat(9)}${TRUNCATION_MARKER}`);
  });

  it.each([undefined, Number.NaN, Number.POSITIVE_INFINITY])('applies no limit when the limit is %s', (limit) => {
    expect(truncateSnippet('a'.repeat(1_000), { maxSnippetLength: limit })).toHaveLength(1_000);
  });

  it('treats a negative limit as zero and a fractional one as its floor', () => {
    expect(truncateSnippet('abc', { maxSnippetLength: -4 })).toBe('');
    expect(truncateSnippet('abcdef', { maxSnippetLength: 2.9 })).toBe(TRUNCATION_MARKER.slice(0, 2));
  });
});
