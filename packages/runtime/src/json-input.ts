import type { FastifyInstance } from 'fastify';
import { Invalid } from './http-errors.ts';

/**
 * How deep a request body may nest: far beyond any memory, persona or pipeline data, and well within
 * the recursion of the JSON serializers and of PostgreSQL's jsonb.
 */
export const MAX_JSON_DEPTH = 64;

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes a parsed JSON value unfit to store, or undefined: nesting deeper than MAX_JSON_DEPTH, or
 * text with an unpaired surrogate (`"\uD800"` is valid JSON, but no UTF-8 text: jsonb refuses it and
 * text columns would silently store U+FFFD instead). Walks without recursion, so depth cannot hurt it.
 */
export function findUnstorableJson(value: unknown): string | undefined {
  const pending: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { item, depth } = next;
    if (typeof item === 'string') {
      if (UNPAIRED_SURROGATE.test(item)) return 'text must not contain unpaired surrogates (\\uD800–\\uDFFF)';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `must not nest deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(item)) {
      if (UNPAIRED_SURROGATE.test(key)) return 'keys must not contain unpaired surrogates (\\uD800–\\uDFFF)';
      pending.push({ item: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Refuses (422) every request body that could not be stored as sent, before any route reads it. */
export function rejectUnstorableBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problem = findUnstorableJson(request.body);
    if (problem) throw new Invalid(`body: ${problem}`);
  });
}
