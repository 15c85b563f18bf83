import type { Database, Db, ReplyWaiters } from '@coach/data';
import type { HttpApp, JobQueue, Secrets } from '@coach/runtime';
import type { Config } from './config.ts';
import type { Guards } from './http/auth.ts';
import type { RateLimiter } from './rate-limits/service.ts';
import type { UsersRepository } from './users/repository.ts';

/** The Backend's Fastify app: the shared factory's, with zod schemas typing every route. */
export type ZodApp = HttpApp;

/** Everything a domain's routes may use; built once in `createApp`. */
export interface AppContext {
  config: Config;
  secrets: Secrets;
  database: Database;
  db: Db;
  queue: JobQueue;
  guards: Guards;
  /** Logins and messages counted in the database, across replicas. */
  limiter: RateLimiter;
  repos: { users: UsersRepository };
  /** Students waiting on a reply in this process. */
  replies: ReplyWaiters;
}
