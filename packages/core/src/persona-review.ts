import type { PersonaDiffEntry, PersonaReviewPolicy, PersonaRevisionStatus } from './persona-revisions.ts';

/**
 * The top-level keys that differ between the persona that was current and a new one, in the new one's
 * key order (removed keys last). Values compare deeply; an absent side is null.
 */
export function diffPersonas(
  current: Record<string, unknown> | null,
  next: Record<string, unknown>,
): PersonaDiffEntry[] {
  const before = current ?? {};
  const entries: PersonaDiffEntry[] = [];
  for (const [key, after] of Object.entries(next)) {
    if (!Object.hasOwn(before, key)) entries.push({ key, change: 'added', before: null, after });
    else if (!deepEqual(before[key], after)) entries.push({ key, change: 'changed', before: before[key], after });
  }
  for (const [key, value] of Object.entries(before)) {
    if (!Object.hasOwn(next, key)) entries.push({ key, change: 'removed', before: value, after: null });
  }
  return entries;
}

/** Equality of JSON values: same type, same items in the same order, same keys in any order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
  );
}

/** A value with something to show: not null, not blank text, not an empty list or object (nor one of only empties). */
export function isNonEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(isNonEmptyValue);
  if (typeof value === 'object') return Object.values(value).some(isNonEmptyValue);
  return true;
}

/** The keys of a persona whose values have something to show, in its key order. */
export function nonEmptyKeys(personaData: Record<string, unknown>): string[] {
  return Object.entries(personaData)
    .filter(([, value]) => isNonEmptyValue(value))
    .map(([key]) => key);
}

/**
 * How a generator revision starts under the review policy (docs/api/persona-revisions.md): `off` approves
 * it; `changes` holds it when it changes or removes a key of the current persona; `all` holds every one.
 * A revision with a value that reads like an instruction is held whenever review is on.
 */
export function generatorRevisionStatus(
  policy: PersonaReviewPolicy,
  revision: { diff: readonly PersonaDiffEntry[]; flaggedKeys: readonly string[] },
): Extract<PersonaRevisionStatus, 'approved' | 'pending'> {
  if (policy === 'off') return 'approved';
  if (policy === 'all' || revision.flaggedKeys.length > 0) return 'pending';
  // the first persona's diff only adds keys, so it is approved like any other addition
  return revision.diff.some((entry) => entry.change !== 'added') ? 'pending' : 'approved';
}
