import type { FastifyInstance } from 'fastify';
import { Invalid, NUL_IN_TEXT } from './http-errors.ts';

/**
 * How deep a request body may nest: far beyond any memory, persona or pipeline data, and well within
 * the recursion of the JSON serializers and of PostgreSQL's jsonb.
 */
export const MAX_JSON_DEPTH = 64;

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Visit {
  item: unknown;
  depth: number;
  key?: string;
  parent?: Visit;
}

/** `body.steps.0.name`, the way validation errors name a field. */
function fieldOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
  return ['body', ...keys].join('.');
}

/**
 * What makes a parsed JSON value unfit to store, or undefined: nesting deeper than MAX_JSON_DEPTH; text
 * with an unpaired surrogate (`"\uD800"` is valid JSON, but no UTF-8 text: jsonb refuses it and text
 * columns would silently store U+FFFD instead); text with the NUL character, which neither text nor jsonb
 * columns can hold (found here, it is refused the same way for fields that are never stored, such as a
 * step name the Brain passes on). Walks without recursion, so depth cannot hurt it.
 */
export function findUnstorableJson(value: unknown): string | undefined {
  const pending: Visit[] = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { item, depth } = next;
    if (typeof item === 'string') {
      if (UNPAIRED_SURROGATE.test(item)) return 'body: text must not contain unpaired surrogates (\\uD800–\\uDFFF)';
      if (item.includes('\0')) return `${fieldOf(next)}: ${NUL_IN_TEXT}`;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `body: must not nest deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(item)) {
      if (UNPAIRED_SURROGATE.test(key)) return 'body: keys must not contain unpaired surrogates (\\uD800–\\uDFFF)';
      if (key.includes('\0')) return `${fieldOf(next)}: keys must not contain the NUL character (U+0000).`;
      pending.push({ item: child, depth: depth + 1, key, parent: next });
    }
  }
  return undefined;
}

/** Refuses (422) every request body that could not be stored as sent, before any route reads it. */
export function rejectUnstorableBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problem = findUnstorableJson(request.body);
    if (problem) throw new Invalid(problem);
  });
}
