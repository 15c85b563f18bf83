import type { JobUsage, ModelCallEntry, UsageFigures, UsageGroupBy, UsageReport } from '@coach/core';
import type { Db } from '@coach/data';
import { Invalid } from '@coach/runtime';
import { createUsageRepository, type UsageRow } from './repository.ts';
import { isDay } from './schemas.ts';

/** The report's range when the request names no `from`. */
export const DEFAULT_REPORT_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The half-open range [from, to) a report covers. A day as `to` includes that whole day (UTC); without
 * `to`, up to now; without `from`, the DEFAULT_REPORT_DAYS before `to`.
 */
export function reportRange(
  from: string | undefined,
  to: string | undefined,
  now = new Date(),
): { from: Date; to: Date } {
  const end = to === undefined ? now : new Date(Date.parse(to) + (isDay(to) ? DAY_MS : 0));
  const start = from === undefined ? new Date(end.getTime() - DEFAULT_REPORT_DAYS * DAY_MS) : new Date(from);
  // two days compare as days (from=03-02&to=03-01 is backwards although that `to` ends at 03-02 00:00)
  const backwards =
    from !== undefined && to !== undefined && isDay(from) && isDay(to) ? from > to : start.getTime() > end.getTime();
  if (backwards) throw new Invalid(`from (${from}) is after to (${to ?? end.toISOString()}).`);
  return { from: start, to: end };
}

function figures(row: UsageRow): UsageFigures {
  return {
    calls: row.calls,
    failed_calls: row.failedCalls,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cost_usd: row.costUsd,
  };
}

/** The sums of the groups; the cost is unknown as soon as one group's is. */
function totalsOf(rows: UsageRow[]): UsageFigures {
  return {
    calls: rows.reduce((sum, row) => sum + row.calls, 0),
    failed_calls: rows.reduce((sum, row) => sum + row.failedCalls, 0),
    input_tokens: rows.reduce((sum, row) => sum + row.inputTokens, 0),
    output_tokens: rows.reduce((sum, row) => sum + row.outputTokens, 0),
    cost_usd: rows.some((row) => row.costUsd === null) ? null : rows.reduce((sum, row) => sum + (row.costUsd ?? 0), 0),
  };
}

/** The model usage ledger: the Brain's entries in, reports out (docs/api/usage.md). */
export function createUsageService(db: Db) {
  const repo = createUsageRepository(db);
  return {
    record: (entries: ModelCallEntry[]) => repo.insertModelCalls(entries),

    async report(query: {
      from?: string | undefined;
      to?: string | undefined;
      group_by: UsageGroupBy;
    }): Promise<UsageReport> {
      const range = reportRange(query.from, query.to);
      const rows = await repo.report(range.from, range.to, query.group_by);
      return {
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        group_by: query.group_by,
        totals: totalsOf(rows),
        groups: rows.map((row) => ({ key: row.key, ...figures(row) })),
      };
    },

    jobUsage: (jobId: number): Promise<JobUsage> => repo.jobUsage(jobId),

    /** Tokens memory and persona generation used today (UTC) so far, for GENERATION_DAILY_TOKEN_BUDGET. */
    generationTokensToday(now = new Date()): Promise<number> {
      return repo.generationTokensSince(new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS));
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
