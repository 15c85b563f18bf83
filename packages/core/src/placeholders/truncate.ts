/** Options shared by every function that injects a persona or memory snippet. */
export interface SnippetOptions {
  /** Longest injected persona/memory text, in UTF-16 code units; a longer one is cut and marked. */
  maxSnippetLength?: number;
}

/** Ends a snippet that was cut, so the LLM (and an operator reading the prompt) sees the cut. */
export const TRUNCATION_MARKER = '… [truncated]';

/**
 * Cuts `text` to at most `maxSnippetLength` characters, the marker included. A limit too small for
 * the marker yields the start of the marker. No limit (undefined, NaN, Infinity) leaves text whole.
 */
export function truncateSnippet(text: string, options: SnippetOptions = {}): string {
  const limit = normaliseLimit(options.maxSnippetLength);
  if (limit === null || text.length <= limit) return text;
  if (limit <= TRUNCATION_MARKER.length) return TRUNCATION_MARKER.slice(0, limit);
  let cut = limit - TRUNCATION_MARKER.length;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1; // never split an emoji in half
  return text.slice(0, cut) + TRUNCATION_MARKER;
}

function normaliseLimit(maxSnippetLength: number | undefined): number | null {
  if (typeof maxSnippetLength !== 'number' || !Number.isFinite(maxSnippetLength)) return null;
  return Math.max(0, Math.floor(maxSnippetLength));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
