import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual, diffPersonas, generatorRevisionStatus, isNonEmptyValue, nonEmptyKeys } from './persona-review.ts';

describe('the diff of a persona against the current one', () => {
  it('lists added, changed and removed top-level keys, with null for the absent side', () => {
    const current = { persona: 'Curious.', inferred_interests: ['volcanoes'], learning_patterns: ['asks why'] };
    const next = { persona: 'Curious.', inferred_interests: ['volcanoes', 'rivers'], personality_traits: ['calm'] };
    expect(diffPersonas(current, next)).toEqual([
      { key: 'inferred_interests', change: 'changed', before: ['volcanoes'], after: ['volcanoes', 'rivers'] },
      { key: 'personality_traits', change: 'added', before: null, after: ['calm'] },
      { key: 'learning_patterns', change: 'removed', before: ['asks why'], after: null },
    ]);
  });

  it('makes every key an addition when there is no current persona', () => {
    expect(diffPersonas(null, { persona: 'Curious.' })).toEqual([
      { key: 'persona', change: 'added', before: null, after: 'Curious.' },
    ]);
  });

  it('compares values deeply, objects in any key order', () => {
    expect(diffPersonas({ a: { x: 1, y: [1, 2] } }, { a: { y: [1, 2], x: 1 } })).toEqual([]);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, [1])).toBe(false);
  });

  it('is empty between a persona and itself, and lists every key the two do not share', () => {
    const json = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(diffPersonas(a, structuredClone(a))).toEqual([]);
        const changedKeys = new Set(diffPersonas(a, b).map((entry) => entry.key));
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          const same = Object.hasOwn(a, key) && Object.hasOwn(b, key) && deepEqual(a[key], b[key]);
          expect(changedKeys.has(key)).toBe(!same);
        }
      }),
    );
  });
});

describe('empty values', () => {
  it('counts blank text, empty lists and objects, and lists of empties as empty', () => {
    for (const empty of [null, undefined, '', '  ', [], {}, ['', ' '], { a: '' }])
      expect(isNonEmptyValue(empty)).toBe(false);
    for (const full of ['x', ['x'], 0, false, { a: 'x' }]) expect(isNonEmptyValue(full)).toBe(true);
    expect(nonEmptyKeys({ persona: 'x', inferred_interests: [], learning_patterns: ['y'] })).toEqual([
      'persona',
      'learning_patterns',
    ]);
  });
});

describe('how a generator revision starts under the review policy', () => {
  const added = [{ key: 'persona', change: 'added' as const, before: null, after: 'x' }];
  const changed = [{ key: 'persona', change: 'changed' as const, before: 'x', after: 'y' }];
  const removed = [{ key: 'persona', change: 'removed' as const, before: 'x', after: null }];
  const clean = { flaggedKeys: [] };
  const flagged = { flaggedKeys: ['persona'] };

  it('approves everything with review off, flagged or not', () => {
    expect(generatorRevisionStatus('off', { diff: changed, ...clean })).toBe('approved');
    expect(generatorRevisionStatus('off', { diff: added, ...flagged })).toBe('approved');
  });

  it('holds changes and removals with review on changes, and approves additions and no change', () => {
    expect(generatorRevisionStatus('changes', { diff: changed, ...clean })).toBe('pending');
    expect(generatorRevisionStatus('changes', { diff: removed, ...clean })).toBe('pending');
    expect(generatorRevisionStatus('changes', { diff: added, ...clean })).toBe('approved');
    expect(generatorRevisionStatus('changes', { diff: [], ...clean })).toBe('approved');
  });

  it('holds an addition whose value reads like an instruction when review is on', () => {
    expect(generatorRevisionStatus('changes', { diff: added, ...flagged })).toBe('pending');
  });

  it('holds everything with review on all', () => {
    expect(generatorRevisionStatus('all', { diff: added, ...clean })).toBe('pending');
    expect(generatorRevisionStatus('all', { diff: [], ...clean })).toBe('pending');
  });
});
