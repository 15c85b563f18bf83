/** What a snippet shows for an allowed key whose value is absent, null or empty. */
export const NOT_AVAILABLE = '[Not available]';

const NEEDS_ESCAPING = /["\\\r\n\u2028\u2029]/;
const ESCAPABLE = /["\\]|[\r\n\u2028\u2029]+/g;
const NON_WHITESPACE = /\S/;

/**
 * The one value formatter behind both persona and memory snippets: a value becomes `"text"`, and one
 * with nothing to show `"[Not available]"` — quoted like every other value, as
 * `` `key` is "value" `` has it (docs/api/prompts.md, Placeholders). Lists join with ", "; numbers and booleans print as themselves; objects
 * as compact JSON.
 */
export function formatSnippetValue(value: unknown): string {
  const text = Array.isArray(value) ? listToText(value) : itemToText(value);
  return `"${text === null ? NOT_AVAILABLE : escapeSnippetText(text)}"`;
}

/**
 * Makes text safe between a snippet's double quotes: `"` → `\"` and `\` → `\\` (otherwise a value
 * ending in a backslash would swallow the closing quote); line breaks become one space so a snippet
 * stays on one line.
 */
export function escapeSnippetText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(ESCAPABLE, (found) => {
    if (found === '"') return '\\"';
    if (found === '\\') return '\\\\';
    return ' ';
  });
}

function listToText(list: readonly unknown[]): string | null {
  const items: string[] = [];
  for (const item of list) {
    const text = itemToText(item);
    if (text !== null) items.push(text);
  }
  return items.length > 0 ? items.join(', ') : null;
}

function itemToText(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return NON_WHITESPACE.test(value) ? value : null;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null || isEmptyContainer(value) ? null : compactJson(value);
    default:
      // undefined, functions, symbols: nothing a prompt can show
      return null;
  }
}

function isEmptyContainer(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function compactJson(value: object): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    // cycles and BigInts cannot be serialised; a snippet must never throw
    return null;
  }
}
