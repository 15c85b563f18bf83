import type { Db } from '@coach/data';
import type { RouteKey } from '../access.ts';
import type { FuzzRequest } from './requests.ts';
import { writeFingerprint, writesBetween } from './writes.ts';

/** The quick profile runs in CI; FUZZ_RUNS=1000 (or more) is the soak profile. */
export const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 40);
export const SEED = Number(process.env.FUZZ_SEED ?? 7_2026);

/** A seed of its own for each route, so adding a route leaves the others' requests as they were. */
export const seedOf = (route: string) => [...route].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) | 0, SEED);

function hasDetail(text: string): boolean {
  try {
    return typeof JSON.parse(text).detail === 'string';
  } catch {
    return false;
  }
}

/**
 * Sends fuzzed requests one at a time to a service and judges each answer: no 5xx but those the
 * contract names, a JSON `detail` with every 4xx and 5xx, and no write (application tables and
 * pg-boss jobs) by a request that was refused. Counts everything for the report.
 */
export function fuzzRun(options: {
  baseUrl: string;
  db: Db;
  contract5xx: Record<RouteKey, number[]>;
  /** Waits for the work an accepted request started in the background, so it is not taken for a write of the next. */
  settle?: () => Promise<void>;
}) {
  const figures = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, contract5xx: 0 };
  const failures = { unexpected5xx: 0, withoutDetail: 0, rejectedButWrote: 0 };

  function judge(route: RouteKey, status: number, text: string, writes: string[]): string[] {
    const problems: string[] = [];
    figures.requests++;
    figures[`${Math.floor(status / 100)}xx` as '2xx']++;
    if (status >= 500) {
      if (options.contract5xx[route]?.includes(status)) figures.contract5xx++;
      else {
        failures.unexpected5xx++;
        problems.push(`${status}: ${text.slice(0, 300)}`);
      }
    }
    if (status >= 400 && !hasDetail(text)) {
      failures.withoutDetail++;
      problems.push(`${status} without a JSON detail: ${text.slice(0, 200)}`);
    }
    if (status >= 400 && status < 500 && writes.length > 0) {
      failures.rejectedButWrote++;
      problems.push(`${status} but wrote: ${writes.join('; ')}`);
    }
    return problems;
  }

  return {
    figures,
    failures,
    /** Every problem, as `METHOD path [mutation] → what is wrong`. */
    async send(route: RouteKey, requests: FuzzRequest[]): Promise<string[]> {
      const problems: string[] = [];
      let before = await writeFingerprint(options.db);
      for (const request of requests) {
        const { method, headers, body } = request;
        const response = await fetch(`${options.baseUrl}${request.path}`, {
          method,
          headers,
          body,
          redirect: 'manual',
        });
        const text = await response.text();
        if (response.status < 400) await options.settle?.();
        const after = await writeFingerprint(options.db);
        for (const problem of judge(route, response.status, text, writesBetween(before, after))) {
          problems.push(`${method} ${request.path.slice(0, 120)} [${request.mutation}] → ${problem}`);
        }
        before = after;
      }
      return problems;
    },
    report: (what: string) =>
      `${what} (seed ${SEED}, ${RUNS_PER_ROUTE} per route): ${JSON.stringify({ ...figures, ...failures })}`,
  };
}
