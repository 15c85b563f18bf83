import { ALLOWED_PERSONA_KEYS } from '../structured-output.ts';
import { isJsonObject, renderDetailsSnippet, type SnippetKind } from './snippet.ts';
import { type SnippetOptions, truncateSnippet } from './truncate.ts';

/** Injected when the student has no persona, or a placeholder names no allowed persona key. */
export const PERSONA_FALLBACK = 'User persona not available.';

export const PERSONA_SNIPPET: SnippetKind = {
  intro: 'These are some details about the user.',
  allowedKeys: ALLOWED_PERSONA_KEYS,
  fallback: PERSONA_FALLBACK,
};

/** The persona as a snippet of the requested keys (null: every allowed key). */
export function renderPersonaSnippet(
  persona: Record<string, unknown> | null | undefined,
  requestedKeys: readonly string[] | null,
  options: SnippetOptions = {},
): string {
  return renderDetailsSnippet(PERSONA_SNIPPET, persona, requestedKeys, options);
}

/** `{{USER_PERSONA_JSON}}`: the stored persona as compact JSON, truncated like a snippet. */
export function renderPersonaJson(
  persona: Record<string, unknown> | null | undefined,
  options: SnippetOptions = {},
): string {
  return truncateSnippet((isJsonObject(persona) && safeJson(persona)) || PERSONA_FALLBACK, options);
}

function safeJson(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
