import { describe, expect, it } from 'vitest';
import { escapeSnippetText, formatSnippetValue, NOT_AVAILABLE } from './format.ts';

describe('formatSnippetValue', () => {
  it('quotes a string as it is', () => {
    expect(formatSnippetValue('Likes  beetles ')).toBe('"Likes  beetles "');
  });

  it('joins a list naturally', () => {
    expect(formatSnippetValue(['Topic A', 'Topic B'])).toBe('"Topic A, Topic B"');
  });

  it('prints numbers and booleans in a list as themselves and objects as compact JSON', () => {
    expect(formatSnippetValue(['ants', 3, true, { grade: 7 }, [1, 2]])).toBe('"ants, 3, true, {\\"grade\\":7}, [1,2]"');
  });

  it('skips null and empty items of a list', () => {
    expect(formatSnippetValue(['ants', null, '', '  ', [], {}, 'bees'])).toBe('"ants, bees"');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['a blank string', ' \n\t'],
    ['an empty list', []],
    ['a list of nothing', [null, '']],
    ['an empty object', {}],
  ])('renders %s as "[Not available]", inside quotes like any value', (_name, value) => {
    expect(formatSnippetValue(value)).toBe(`"${NOT_AVAILABLE}"`);
  });

  it('renders a value that cannot be serialised as "[Not available]" instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatSnippetValue(cyclic)).toBe(`"${NOT_AVAILABLE}"`);
    expect(formatSnippetValue({ big: 1n })).toBe(`"${NOT_AVAILABLE}"`);
    expect(formatSnippetValue(() => 1)).toBe(`"${NOT_AVAILABLE}"`);
  });

  it('prints zero and false, which are values, not missing ones', () => {
    expect(formatSnippetValue(0)).toBe('"0"');
    expect(formatSnippetValue(false)).toBe('"false"');
  });
});

describe('escapeSnippetText', () => {
  it('escapes double quotes so the snippet’s own quotes stay unambiguous', () => {
    expect(escapeSnippetText('Curious about "space"')).toBe('Curious about \\"space\\"');
  });

  it('escapes backslashes, so a trailing backslash cannot swallow the closing quote', () => {
    expect(escapeSnippetText('C:\\ and \\"')).toBe('C:\\\\ and \\\\\\"');
    expect(formatSnippetValue('ends in \\')).toBe('"ends in \\\\"');
  });

  it('collapses each run of line breaks into one space, keeping the snippet on one line', () => {
    expect(escapeSnippetText('first\nsecond\r\n\r\nthird\u2028fourth')).toBe('first second third fourth');
  });

  it('returns text without special characters unchanged', () => {
    const text = 'plain text, with commas and `backticks`';
    expect(escapeSnippetText(text)).toBe(text);
  });
});
