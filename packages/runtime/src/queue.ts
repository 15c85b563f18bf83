import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type DrizzleTransactionLike, fromDrizzle, PgBoss } from 'pg-boss';
import { type Dispatcher, startDispatcher } from './dispatcher.ts';

/** Where the queue lives: the PostgreSQL server the system runs on (embedded or external). */
export interface QueueConnection {
  connectionString: string;
}

/** A Drizzle transaction to enqueue in. */
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
  /**
   * Runs `work`, which settles this job itself: `complete(tx)` completes this attempt (fenced to it, one
   * statement) inside the caller's Drizzle transaction, so the job is done exactly when that transaction
   * commits. When `work` resolves after calling it, the job is settled and nothing else completes it;
   * when `work` throws, the job is as if `complete` had not been called. `complete` answers whether this
   * attempt still held the job (false: a retry owns it now, or it was settled meanwhile).
   */
  settleWithin<R>(work: (complete: (tx: Transaction, output?: object) => Promise<boolean>) => Promise<R>): Promise<R>;
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
  /**
   * Deletes every job of every queue, in any state, whose payload contains `data` (pg-boss's `@>`
   * match, e.g. `{ user_id: 7 }`), inside `tx` when given. Erasing a student needs it: a finished job
   * keeps its payload (a message's text, the student's id) for pg-boss's retention period. Returns the
   * number of jobs deleted.
   */
  deleteJobsWithData(data: object, options?: { tx?: Transaction }): Promise<number>;
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
  // a chat turn whose last attempt ended without a word (its worker crashed, or could not report the
  // failure) lands here; the Backend marks the message failed, so the student is never left at 202
  'chat-turn-dead-letter': { retryLimit: 3, retryDelay: 2, expireInSeconds: 60 },
  // a student is waiting: the Brain's turn deadline (TURN_TIMEOUT_SECONDS) ends an attempt well within
  // the expiry, and the LLM layer already retries each call, so one queue retry is enough. The heartbeat
  // gives a crashed worker's turn to another within seconds instead of after the expiry
  'chat-turn': {
    retryLimit: 1,
    retryDelay: 2,
    expireInSeconds: 300,
    heartbeatSeconds: 10,
    deadLetter: 'chat-turn-dead-letter',
    notify: true,
  },
  // generation (docs/GENERATION.md): long jobs, few retries, a dead letter
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
  // an adult's system may be down for a while: retried with backoff (2 s doubling, at most 10 min apart)
  // for over an hour before the job fails; the alert itself is in the console all along
  'safety-alert-webhook': { retryLimit: 15, retryDelay: 2, retryDelayMax: 600, expireInSeconds: 60 },
};

/**
 * How often pg-boss looks for jobs whose worker stopped heartbeating or ran past its expiry (its default
 * is a minute). A crashed Brain's chat turn is retried within heartbeat + this, while a student waits.
 */
export const SUPERVISE_SECONDS = 10;

/**
 * The channel pg-boss NOTIFYs on when a job lands on a `notify` queue (payload: the queue's name): its
 * own formula for the schema `pgboss`. The dispatchers listen there instead of pg-boss's workers.
 */
const NOTIFY_CHANNEL = `pgboss_${createHash('sha224').update('pgboss').digest('hex').slice(0, 24)}`;

/** How long stopping waits for running jobs before handing them back for a retry. */
const STOP_GRACE_MS = 5_000;

interface ListeningDb {
  listen?(
    channel: string,
    onNotification: (payload: string) => void,
    onReconnect: () => void,
  ): Promise<{
    close(): Promise<void>;
  }>;
}

/** pg-boss on the system's database, with a small pool of its own. */
export async function startQueue(connection: QueueConnection, options: { schedule?: boolean } = {}): Promise<JobQueue> {
  const supervision = { superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS };
  const boss = new PgBoss({
    connectionString: connection.connectionString,
    max: 4,
    schedule: options.schedule ?? false,
    ...supervision,
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

  // one listener wakes this process's dispatchers; after a reconnect (notifications may have been
  // missed meanwhile) every one of them looks
  const dispatchers: Array<{ name: string; dispatcher: Dispatcher }> = [];
  const wake = (queue?: string) => {
    for (const entry of dispatchers) if (queue === undefined || entry.name === queue) entry.dispatcher.wake();
  };
  const listening = await (boss.getDb() as ListeningDb).listen?.(NOTIFY_CHANNEL, wake, () => wake());

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
      const notified = QUEUE_DEFAULTS[name]?.notify ?? false;
      const dispatcher = startDispatcher(boss, name, handler as never, {
        concurrency: workOptions.concurrency ?? 1,
        // NOTIFY announces new jobs only; retries and delayed jobs are found by polling
        pollingIntervalMs: (workOptions.pollingIntervalSeconds ?? (notified ? 1 : 0.5)) * 1000,
        stopGraceMs: STOP_GRACE_MS,
        onError: () => {
          // the database away: the loop carries on, and the health route tells
        },
      });
      dispatchers.push({ name, dispatcher });
    },
    async schedule(name, minutes, data = {}) {
      // a recurrence rule, not cron: any number of minutes, not only divisors of an hour
      await boss.schedule(name, `FREQ=MINUTELY;INTERVAL=${minutes}`, data);
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async deleteJobsWithData(data, deleteOptions = {}) {
      const connection = deleteOptions.tx
        ? { db: fromDrizzle(deleteOptions.tx as unknown as DrizzleTransactionLike, sql) }
        : {};
      let deleted = 0;
      for (const name of Object.keys(QUEUE_DEFAULTS)) {
        // pages of at most 1000: each page is deleted before the next is looked for
        for (let page = await boss.findJobs(name, { data, limit: 1_000, ...connection }); page.length > 0; ) {
          await boss.deleteJob(
            name,
            page.map((job) => job.id),
            connection,
          );
          deleted += page.length;
          page = await boss.findJobs(name, { data, limit: 1_000, ...connection });
        }
      }
      return deleted;
    },
    async check() {
      await boss.getQueue(QUEUE_NAMES_CHECK);
    },
    async stop() {
      await Promise.all(dispatchers.map(({ dispatcher }) => dispatcher.stop()));
      await listening?.close().catch(() => {});
      await boss.stop({ graceful: true, timeout: STOP_GRACE_MS });
    },
  };
}
