/**
 * The placeholder grammar (design document §2.a). The key part is written `[A-Za-z0-9_]+` where the
 * design document writes `[A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)*`: both match exactly the same tokens with
 * the same capture (`_` is already a key character), but the nested form backtracks exponentially on
 * a long run of underscores that is not closed by `}}`, so one careless template could stall the Brain.
 */

/** `{{USER_PERSONA}}` or `{{USER_PERSONA__key1__key2…}}`; group 1 holds `key1__key2…`. */
export const PERSONA_PLACEHOLDER_PATTERN = /\{\{USER_PERSONA(?:__([A-Za-z0-9_]+))?\}\}/g;

/** `{{CONVERSATION_MEMORY}}` or `{{CONVERSATION_MEMORY__key1__key2…}}`; group 1 holds `key1__key2…`. */
export const MEMORY_PLACEHOLDER_PATTERN = /\{\{CONVERSATION_MEMORY(?:__([A-Za-z0-9_]+))?\}\}/g;

// Private twins of the exported patterns: a caller's `.exec()` moves an exported pattern's lastIndex,
// and `matchAll` starts from it.
export const PERSONA_SCAN = new RegExp(PERSONA_PLACEHOLDER_PATTERN.source, 'g');
export const MEMORY_SCAN = new RegExp(MEMORY_PLACEHOLDER_PATTERN.source, 'g');

/**
 * Every template variable in one alternation, so a template is rendered in a single pass.
 * Group 1: a variable without keys; group 2: `USER_PERSONA` or `CONVERSATION_MEMORY`; group 3: its keys;
 * group 4: any other upper-case name (a step's own variable such as `{{INTENT}}`, or unknown).
 */
export const TEMPLATE_VARIABLE_SCAN =
  /\{\{(?:(QUERY|CONVERSATION_HISTORY|USER_PERSONA_JSON)|(USER_PERSONA|CONVERSATION_MEMORY)(?:__([A-Za-z0-9_]+))?|([A-Z][A-Z0-9_]*))\}\}/g;

/** A placeholder found in a template: the token as written and the keys it names (null: all keys). */
export interface FoundPlaceholder {
  token: string;
  keys: string[] | null;
}

/**
 * Splits a token's key part (`persona__learning_patterns`) into keys. Empty segments, as in
 * `{{USER_PERSONA__persona__}}`, name nothing and are dropped.
 */
export function parseRequestedKeys(keyPart: string | undefined): string[] | null {
  if (keyPart === undefined) return null;
  return keyPart.split('__').filter((key) => key !== '');
}

/** The distinct tokens `scan` finds in `template`, in order of first appearance. */
export function extractPlaceholders(scan: RegExp, template: string): FoundPlaceholder[] {
  const found = new Map<string, FoundPlaceholder>();
  for (const match of template.matchAll(scan)) {
    const token = match[0];
    if (!found.has(token)) found.set(token, { token, keys: parseRequestedKeys(match[1]) });
  }
  return [...found.values()];
}
