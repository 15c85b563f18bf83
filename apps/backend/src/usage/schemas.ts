import { UsageGroupBy } from '@coach/core';
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day (`2026-03-01`, UTC) or an ISO timestamp with its offset. */
const DayOrTimestamp = z
  .string()
  .refine(
    (value) =>
      (DATE.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success) &&
      !Number.isNaN(Date.parse(value)),
    {
      error: 'must be a date (YYYY-MM-DD) or an ISO timestamp',
    },
  );

export const UsageQuery = z.object({
  from: DayOrTimestamp.optional(),
  to: DayOrTimestamp.optional(),
  group_by: UsageGroupBy.default('day'),
});
export type UsageQuery = z.infer<typeof UsageQuery>;

export const isDay = (value: string) => DATE.test(value);
