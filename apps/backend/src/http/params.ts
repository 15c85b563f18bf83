import { IdParam } from '@coach/core';
import { z } from 'zod';

/** `{id}` in a path: an integer, or 422. */
export const IdParams = z.object({ id: IdParam });

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const Detail = z.object({ detail: z.string() }).meta({ id: 'Error' });

/** Boolean query parameter: true/false, also 1/0 (docs/api/README.md). */
export const QueryBool = z
  .enum(['true', 'false', '1', '0', 'True', 'False'], { error: 'must be true or false (or 1/0)' })
  .transform((v) => v === 'true' || v === '1' || v === 'True');

export const iso = (date: Date) => date.toISOString();
