/** Levenshtein distance: insertions, deletions and replacements of one character each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, replace));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The valid name closest to `typed`, or undefined when none is close: within a third of its length
 * (at least 1, and 2 from five characters on). A key is also matched by one of its words, so `intrests`
 * finds `inferred_interests`. Ties go to the earlier name in `valid`.
 */
export function nearestName(typed: string, valid: readonly string[]): string | undefined {
  const limit = Math.max(typed.length >= 5 ? 2 : 1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of valid) {
    const words = name.split('_').filter((word) => word.length >= 3);
    const distance = Math.min(editDistance(typed, name), ...words.map((word) => editDistance(typed, word) + 0.5));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
