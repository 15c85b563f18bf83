import { sql } from 'drizzle-orm';
import type { PGliteLike } from 'pg-boss';
import { type DrizzleTransactionLike, fromDrizzle, fromPglite, PgBoss } from 'pg-boss';

/** Where the queue lives: the embedded PGlite instance, or a PostgreSQL server. */
export type QueueConnection = { pglite: PGliteLike } | { connectionString: string };

/** A Drizzle transaction (of either driver) to enqueue in. */
export type Transaction = object;

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists exactly when the transaction commits. */
  tx?: Transaction;
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export interface WorkOptions {
  /** How many jobs of this queue one process runs at once. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export interface QueuedJob<T> {
  id: string;
  name: string;
  data: T;
  /** Retries so far: 0 on the first attempt; the last attempt has retryCount === retryLimit. */
  retryCount: number;
  retryLimit: number;
  /** Aborted when pg-boss takes the job back (expired, or the queue is stopping): a retry owns it now. */
  signal: AbortSignal;
}

/** The small queue surface the services use; pg-boss stays behind it. */
export interface JobQueue {
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string>;
  work<T extends object>(
    name: string,
    options: WorkOptions,
    handler: (job: QueuedJob<T>) => Promise<unknown>,
  ): Promise<void>;
  /**
   * Sends `data` to queue `name` every `minutes` (pg-boss schedule: one send per occurrence however many
   * processes registered it; needs `startQueue(…, { schedule: true })`). Replaces an earlier schedule.
   */
  schedule(name: string, minutes: number, data?: object): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Whether the queue's tables answer; for the health route. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

/** Queues every service declares before it sends or works. */
const QUEUE_NAMES_CHECK = 'chat-turn';

export interface QueueDefaults {
  retryLimit: number;
  retryDelay: number;
  expireInSeconds: number;
  retryDelayMax?: number;
  /** A worker that stops heartbeating this long (a crashed process) loses the job to a retry. */
  heartbeatSeconds?: number;
  /** Where a job goes when its retries are exhausted; that queue must be declared before this one. */
  deadLetter?: string;
  /** pg-boss queue policy; `singleton`: one active job per singleton key. */
  policy?: 'standard' | 'singleton' | 'stately';
  /** A new job wakes idle workers at once (LISTEN/NOTIFY) instead of at their next poll. */
  notify?: boolean;
}

export const QUEUE_DEFAULTS: Record<string, QueueDefaults> = {
  // a student is waiting: the Brain's turn deadline (TURN_TIMEOUT_SECONDS) ends an attempt well within
  // the expiry, and the LLM layer already retries each call, so one queue retry is enough
  'chat-turn': { retryLimit: 1, retryDelay: 2, expireInSeconds: 300, notify: true },
  // generation (SYSTEM.md, Memory and persona generation): long jobs, few retries, a dead letter
  'generation-dead-letter': { retryLimit: 3, retryDelay: 5, expireInSeconds: 60 },
  'memory-generation': {
    retryLimit: 2,
    retryDelay: 5,
    retryDelayMax: 300,
    expireInSeconds: 3_600,
    heartbeatSeconds: 30,
    deadLetter: 'generation-dead-letter',
    notify: true,
  },
  'persona-generation': {
    retryLimit: 2,
    retryDelay: 5,
    retryDelayMax: 300,
    expireInSeconds: 3_600,
    heartbeatSeconds: 30,
    deadLetter: 'generation-dead-letter',
    policy: 'singleton',
    notify: true,
  },
  // one tick at a time, none retried: the next tick does the work again
  'generation-schedule': { retryLimit: 0, retryDelay: 0, expireInSeconds: 3_900, policy: 'stately' },
};

/** pg-boss on whichever database the system runs on: PostgreSQL, or PGlite through its adapter. */
export async function startQueue(connection: QueueConnection, options: { schedule?: boolean } = {}): Promise<JobQueue> {
  const boss =
    'pglite' in connection
      ? new PgBoss({
          db: fromPglite(connection.pglite),
          backend: 'pglite',
          schedule: options.schedule ?? false,
          useListenNotify: true,
        })
      : new PgBoss({
          connectionString: connection.connectionString,
          max: 4,
          schedule: options.schedule ?? false,
          useListenNotify: true,
        });
  boss.on('error', () => {
    // pg-boss retries its own maintenance; a lost database shows up in the health route
  });
  await boss.start();
  for (const [name, defaults] of Object.entries(QUEUE_DEFAULTS)) {
    const settings = { retryBackoff: true, ...defaults };
    if (await boss.getQueue(name)) {
      // an existing database keeps its queues: bring their settings up to date
      const { policy: _policy, ...changeable } = settings;
      await boss.updateQueue(name, changeable);
    } else {
      await boss.createQueue(name, settings);
    }
  }

  return {
    async send(name, data, sendOptions = {}) {
      const { tx, ...jobOptions } = sendOptions;
      const id = await boss.send(name, data, {
        ...jobOptions,
        ...(tx ? { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) } : {}),
      });
      if (!id) throw new Error(`queue ${name} refused the job (singleton already queued)`);
      return id;
    },
    async work(name, workOptions, handler) {
      await boss.work<object>(
        name,
        {
          localConcurrency: workOptions.concurrency ?? 1,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 0.5,
          // NOTIFY wakes workers for new jobs only; retries (and jobs whose start was delayed) are found
          // by polling, so the backstop stays short
          notifyPollingIntervalSeconds: 1,
          includeMetadata: true,
        },
        async ([job]) => {
          if (!job) return;
          // includeMetadata: the job row carries its retry settings
          const meta = job as typeof job & { retryLimit: number };
          return handler({
            id: job.id,
            name: job.name,
            data: job.data as never,
            retryCount: job.retryCount,
            retryLimit: meta.retryLimit,
            signal: job.signal,
          });
        },
      );
    },
    async schedule(name, minutes, data = {}) {
      // a recurrence rule, not cron: any number of minutes, not only divisors of an hour
      await boss.schedule(name, `FREQ=MINUTELY;INTERVAL=${minutes}`, data);
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async check() {
      await boss.getQueue(QUEUE_NAMES_CHECK);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
