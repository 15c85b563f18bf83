import { sql } from 'drizzle-orm';
import { type DrizzleTransactionLike, fromDrizzle, type JobWithMetadata, type PgBoss } from 'pg-boss';
import type { QueuedJob } from './queue.ts';

/** What a dispatcher needs from pg-boss: claiming, settling and heartbeating jobs of one queue. */
type Boss = Pick<PgBoss, 'fetch' | 'complete' | 'fail' | 'touch'>;

export interface DispatcherOptions {
  /** Jobs run at once. */
  concurrency: number;
  /** Looks for jobs this often even without a wake-up: retries and delayed jobs announce nothing. */
  pollingIntervalMs: number;
  /** How long `stop` waits for running jobs before it hands them back to the queue. */
  stopGraceMs: number;
  /** A fetch, completion or heartbeat that failed (the database away); the loop carries on. */
  onError: (error: unknown) => void;
}

export interface Dispatcher {
  /** A job may be waiting (a NOTIFY for this queue): look now if a slot is free, or when one frees. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs the jobs of one queue, up to `concurrency` at once, claiming as many per fetch as there are free
 * slots. pg-boss's own `work` runs one fetch loop per slot, and a NOTIFY wakes them all: with eight
 * slots idle, every new job cost eight claiming queries where one does. Each job gets what pg-boss's
 * worker gives it: a heartbeat while it runs (a crashed process loses it to a retry), an abort when its
 * expiry passes or its claim is gone, and completion with the handler's result or failure with its error
 * (pg-boss retries, then dead-letters).
 */
export function startDispatcher<T extends object>(
  boss: Boss,
  name: string,
  handler: (job: QueuedJob<T>) => Promise<unknown>,
  options: DispatcherOptions,
): Dispatcher {
  const running = new Map<string, { job: JobWithMetadata<T>; abort: AbortController; done: Promise<void> }>();
  let stopping = false;
  // set by a wake-up: someone may be waiting; cleared by the fetch that follows it
  let wanted = true;
  let lastFetchWasFull = false;
  let nudge: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        nudge = undefined;
        resolve();
      }
      nudge = done;
    });

  async function runJob(job: JobWithMetadata<T>, abort: AbortController): Promise<void> {
    const expiry = setTimeout(
      () => abort.abort(new Error(`job ${job.id} ran past its expiry of ${job.expireInSeconds} s`)),
      job.expireInSeconds * 1000,
    );
    const heartbeat = job.heartbeatSeconds
      ? setInterval(
          async () => {
            try {
              // fenced to this attempt: a job missing from `settled` was retried or settled elsewhere
              // (pg-boss's declared type leaves out what it answers: the count and the ids it touched)
              const touched = (await boss.touch(name, job)) as { affected?: number; settled?: string[] };
              if (touched.settled ? !touched.settled.includes(job.id) : touched.affected === 0) {
                abort.abort(new Error(`job ${job.id} is no longer this worker's`));
              }
            } catch (error) {
              // a heartbeat that could not run says nothing about the claim
              options.onError(error);
            }
          },
          (job.heartbeatSeconds * 1000) / 2,
        )
      : undefined;
    // set when the handler completed the job inside a transaction of its own that has committed
    let settled = false;
    try {
      let output: unknown;
      try {
        output = await handler({
          id: job.id,
          name: job.name,
          data: job.data,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
          signal: abort.signal,
          async settleWithin(work) {
            let called = false;
            const result = await work(async (tx, completion) => {
              called = true;
              const db = fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
              // pg-boss's declared type leaves out what it answers, as for touch below
              const done = (await boss.complete(name, job, completion ?? null, { db })) as { affected?: number };
              return (done.affected ?? 0) > 0;
            });
            // `work` resolved: the transaction that completed the job has committed
            if (called) settled = true;
            return result;
          },
        });
      } catch (error) {
        // fenced to this attempt: a job completed in a committed transaction is left alone
        await boss.fail(name, job, toFailure(error));
        return;
      }
      if (!settled) await boss.complete(name, job, isObject(output) ? output : null);
    } catch (error) {
      // settling failed (the database away): the job's expiry or heartbeat hands it to a retry
      options.onError(error);
    } finally {
      clearTimeout(expiry);
      if (heartbeat) clearInterval(heartbeat);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = options.concurrency - running.size;
      if (free > 0 && (wanted || lastFetchWasFull)) {
        // cleared before the fetch: a wake-up that arrives during it makes the next round look again
        wanted = false;
        let jobs: JobWithMetadata<T>[] = [];
        try {
          jobs = await boss.fetch<T>(name, { batchSize: free, includeMetadata: true });
        } catch (error) {
          options.onError(error);
        }
        lastFetchWasFull = jobs.length === free;
        for (const job of jobs) {
          const abort = new AbortController();
          const done = runJob(job, abort).finally(() => {
            running.delete(job.id);
            // a slot is free: if the queue may hold more, look now
            if (wanted || lastFetchWasFull) nudge?.();
          });
          running.set(job.id, { job, abort, done });
        }
        continue;
      }
      await sleep(options.pollingIntervalMs);
      // the backstop poll or a wake-up: either way the next round looks
      wanted = true;
    }
  }

  const looping = loop();
  return {
    wake() {
      wanted = true;
      if (running.size < options.concurrency) nudge?.();
    },
    async stop() {
      stopping = true;
      nudge?.();
      await looping;
      const jobs = [...running.values()];
      const graceEnded = new Promise((resolve) => setTimeout(resolve, options.stopGraceMs).unref());
      await Promise.race([Promise.all(jobs.map((j) => j.done)), graceEnded]);
      // whatever still runs goes back to the queue for a retry, and its handler is told to stop
      for (const { job, abort } of running.values()) {
        abort.abort(new Error('the worker is stopping'));
        await boss.fail(name, job, { message: 'the worker stopped before the job ended' }).catch(options.onError);
      }
    },
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What pg-boss stores as a failed attempt's output: the error's message (and name), never a stack. */
function toFailure(error: unknown): object {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { message: String(error) };
}
