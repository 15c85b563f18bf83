import type { JobQueue, Secrets } from '@coach/runtime';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { Guards } from './http/auth.ts';
import type { ReplyWaiters } from './messages/reply-waiters.ts';
import type { RateLimiter } from './rate-limits/service.ts';
import type { UsersRepository } from './users/repository.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

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
