import { ALLOWED_MEMORY_KEYS } from '../structured-output.ts';
import { renderDetailsSnippet, type SnippetKind } from './snippet.ts';
import type { SnippetOptions } from './truncate.ts';

/** Injected when the conversation has no memory, or a placeholder names no allowed memory key. */
export const MEMORY_FALLBACK = 'Conversation memory not available.';

export const MEMORY_SNIPPET: SnippetKind = {
  intro: 'These are some details of the conversation till now.',
  allowedKeys: ALLOWED_MEMORY_KEYS,
  fallback: MEMORY_FALLBACK,
};

/** The memory as a snippet of the requested keys (null: every allowed key). */
export function renderMemorySnippet(
  memory: Record<string, unknown> | null | undefined,
  requestedKeys: readonly string[] | null,
  options: SnippetOptions = {},
): string {
  return renderDetailsSnippet(MEMORY_SNIPPET, memory, requestedKeys, options);
}
