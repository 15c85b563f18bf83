import type { JobQueue } from '@coach/runtime';
import type { HealthRepository } from './repository.ts';

const PROBE_TIMEOUT_MS = 1_500;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function probe(check: () => Promise<unknown>, what: string): Promise<string> {
  try {
    await withTimeout(check(), what);
    return 'ok';
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export interface Health {
  status: 'ok' | 'degraded' | 'error';
  database: string;
  queue: string;
  brain: string;
}

/** Whether what the Backend depends on answers: without the database it is down, without the rest degraded. */
export function createHealthService(deps: { health: HealthRepository; queue: JobQueue; brainUrl: string }) {
  return {
    async check(): Promise<Health> {
      const [database, queue, brain] = await Promise.all([
        probe(() => deps.health.ping(), 'database'),
        probe(() => deps.queue.check(), 'queue'),
        probe(async () => {
          const response = await fetch(`${deps.brainUrl}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
          if (!response.ok) throw new Error(`Brain answered ${response.status}`);
        }, 'Brain'),
      ]);
      const status = database !== 'ok' ? 'error' : queue === 'ok' && brain === 'ok' ? 'ok' : 'degraded';
      return { status, database, queue, brain };
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
