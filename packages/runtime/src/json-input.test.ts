import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUL_IN_TEXT } from './http-errors.ts';
import { findUnstorableJson, MAX_JSON_DEPTH } from './json-input.ts';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('findUnstorableJson', () => {
  it('accepts any JSON value made of well-formed text without NUL, nested within the limit', () => {
    const withoutNul = fc.jsonValue({ maxDepth: 10 }).filter((value) => !JSON.stringify(value).includes('\\u0000'));
    fc.assert(
      fc.property(withoutNul, (value) => {
        expect(findUnstorableJson(value)).toBeUndefined();
      }),
    );
  });

  it('finds an unpaired surrogate in a value or a key, at any depth', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(lone, fc.string(), fc.integer({ min: 0, max: 10 }), (surrogate, text, depth) => {
        expect(findUnstorableJson({ deep: nested(depth), v: `${text}${surrogate}` })).toContain('unpaired surrogates');
        expect(findUnstorableJson([{ [`${surrogate}${text}`]: 1 }])).toContain('unpaired surrogates');
      }),
    );
  });

  it('finds the NUL character in a value or a key, and names the field that holds it', () => {
    expect(findUnstorableJson({ steps: [{ name: 'a\u0000b' }] })).toBe(`body.steps.0.name: ${NUL_IN_TEXT}`);
    expect(findUnstorableJson('\u0000')).toBe(`body: ${NUL_IN_TEXT}`);
    expect(findUnstorableJson({ memory_data: { 'key\u0000': 1 } })).toBe(
      'body.memory_data: keys must not contain the NUL character (U+0000).',
    );
  });

  it('accepts surrogate pairs: an emoji is two UTF-16 units and one character', () => {
    expect(findUnstorableJson({ '💥': ['🦋 flies', '\ud83d\ude00'] })).toBeUndefined();
  });

  it(`allows ${MAX_JSON_DEPTH} levels of objects and arrays, not one more`, () => {
    expect(findUnstorableJson(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findUnstorableJson(nested(MAX_JSON_DEPTH + 1))).toBe(
      `body: must not nest deeper than ${MAX_JSON_DEPTH} levels`,
    );
  });

  it('walks a document nested 100 000 deep without running out of stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findUnstorableJson(deep)).toContain('nest deeper');
  });
});
