/** How a persona's keys and values read in the console: labels for the known keys, values as lines. */

const KEY_LABELS: Record<string, string> = {
  persona: 'Persona sentence',
  inferred_interests: 'Interests',
  learning_patterns: 'Learning patterns',
  personality_traits: 'Personality traits',
};

/** "Interests" for `inferred_interests`; an unknown key keeps its name, so nothing is hidden from an operator. */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** A value as the lines an operator reads: a list item per array entry, text as one line, nothing for empty. */
export function valueLines(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((item) => valueLines(item));
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

export interface MarkedLine {
  text: string;
  /** In the other side's lines too (unchanged), or only on this side (added after, removed before). */
  changed: boolean;
}

/**
 * One side of a key's before/after, each line marked when the other side lacks it: for lists this shows
 * which interests came and went; a changed sentence is marked as a whole.
 */
export function markLines(side: unknown, other: unknown): MarkedLine[] {
  const others = new Set(valueLines(other).map(normalise));
  return valueLines(side).map((text) => ({ text, changed: !others.has(normalise(text)) }));
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}
