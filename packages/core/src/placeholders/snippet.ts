import { formatSnippetValue } from './format.ts';
import { type SnippetOptions, truncateSnippet } from './truncate.ts';

/** What differs between the persona and the memory snippet. */
export interface SnippetKind {
  intro: string;
  allowedKeys: readonly string[];
  fallback: string;
}

/**
 * The keys a snippet renders: all allowed keys in allowlist order when none are named, otherwise the
 * allowed ones in the order the template names them, each once.
 */
function selectRequestedKeys(allowedKeys: readonly string[], requestedKeys: readonly string[] | null): string[] {
  if (requestedKeys === null) return [...allowedKeys];
  return [...new Set(requestedKeys.filter((key) => allowedKeys.includes(key)))];
}

/**
 * `<intro> \`key\` is "value", \`key\` is "value"`, or the fallback when there is no data (null, or not a
 * JSON object) or no valid key was requested. Truncated to `options.maxSnippetLength`.
 */
export function renderDetailsSnippet(
  kind: SnippetKind,
  data: unknown,
  requestedKeys: readonly string[] | null,
  options: SnippetOptions = {},
): string {
  const valid = selectRequestedKeys(kind.allowedKeys, requestedKeys);
  if (!isJsonObject(data) || valid.length === 0) return truncateSnippet(kind.fallback, options);
  const details = valid.map(
    (key) => `\`${key}\` is ${formatSnippetValue(Object.hasOwn(data, key) ? data[key] : null)}`,
  );
  return truncateSnippet(`${kind.intro} ${details.join(', ')}`, options);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
