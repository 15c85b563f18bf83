import type { Database } from '@coach/data';
import type { JobQueue, Secrets } from '@coach/runtime';
import { createHttpApp } from '@coach/runtime';
import type { FastifyBaseLogger, RouteOptions } from 'fastify';
import { registerAdminRoutes } from './admin/routes.ts';
import type { AppContext, ZodApp } from './app-context.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import { registerConversationRoutes } from './conversations/routes.ts';
import { registerFeedbackRoutes } from './feedback/routes.ts';
import { registerFlowConfigRoutes } from './flow-config/routes.ts';
import { registerHealthRoutes } from './health/routes.ts';
import { createGuards } from './http/auth.ts';
import { DOCS_CONTENT_SECURITY_POLICY, registerSecurityHeaders } from './http/security-headers.ts';
import { registerJobRoutes } from './jobs/routes.ts';
import { registerMemoryRoutes } from './memories/routes.ts';
import { registerMessageRoutes } from './messages/routes.ts';
import { registerPersonaCorrectionRoutes } from './persona-corrections/routes.ts';
import { registerPersonaRevisionRoutes } from './persona-revisions/routes.ts';
import { registerPersonaRoutes } from './personas/routes.ts';
import { registerPromptRoutes } from './prompts/routes.ts';
import { createRateLimitsRepository } from './rate-limits/repository.ts';
import { createRateLimiter, TooManyRequests } from './rate-limits/service.ts';
import { registerSafetyAlertRoutes } from './safety-alerts/routes.ts';
import { registerSettingsRoutes } from './settings/routes.ts';
import { createStaffRepository } from './staff/repository.ts';
import { registerStaffRoutes } from './staff/routes.ts';
import { registerTaskRoutes } from './tasks/routes.ts';
import { registerTurnContextRoutes } from './turn-context/routes.ts';
import { registerUsageRoutes } from './usage/routes.ts';
import { createUsersRepository } from './users/repository.ts';
import { DEFAULT_WEB_ROOT, registerWebUi } from './web-ui/routes.ts';

export interface BackendDeps {
  config: Config;
  secrets: Secrets;
  database: Database;
  queue: JobQueue;
}

export interface BackendHttpOptions {
  /** Request logs go here; none when absent (tests). */
  logger?: FastifyBaseLogger | undefined;
  /** The built web UI to serve at `/`; apps/web/dist when absent. */
  webRoot?: string | undefined;
  /** Told about every route as it is registered (tests list the routes to check each one's access). */
  onRoute?: ((route: RouteOptions) => void) | undefined;
}

/** What the routes and the background work of one Backend process share (one set of reply waiters among them). */
export function createAppContext(deps: BackendDeps): AppContext {
  const users = createUsersRepository(deps.database.db);
  return {
    config: deps.config,
    secrets: deps.secrets,
    database: deps.database,
    db: deps.database.db,
    queue: deps.queue,
    guards: createGuards(deps.secrets, users, createStaffRepository(deps.database.db)),
    limiter: createRateLimiter(createRateLimitsRepository(deps.database.db), {
      limits: {
        loginsPerIdentifier: deps.config.loginRateLimitPerMinute,
        loginsPerAddress: deps.config.loginAddressRateLimitPerMinute,
        messagesPerStudent: deps.config.messageRateLimitPerMinute,
        personaCorrectionsPerStudent: deps.config.personaCorrectionRateLimitPerHour,
      },
      // replicas share it (their tokens must verify everywhere), so they name the same counters
      keySecret: deps.secrets.tokenSecret,
    }),
    repos: { users },
    replies: deps.database.replies,
  };
}

/**
 * The Backend's HTTP app: every route of the API that the Backend owns, wired to `ctx`. It serves
 * requests only; the queue's workers and schedules are started by the start-up (`startBackgroundWork`).
 */
export async function createApp(ctx: AppContext, options: BackendHttpOptions = {}): Promise<ZodApp> {
  const app = await createHttpApp({
    api: {
      title: 'Curiosity Coach Backend',
      description: 'Students, conversations, messages, memories, personas and versioned prompts.',
    },
    logger: options.logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    onRoute: options.onRoute,
    docsContentSecurityPolicy: DOCS_CONTENT_SECURITY_POLICY,
  });
  app.decorateRequest('caller', null);
  await registerSecurityHeaders(app);
  // a refused request also says when to come back (the error handler sends only the detail)
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
  });

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerMemoryRoutes(app, ctx);
  registerPersonaRoutes(app, ctx);
  registerPersonaRevisionRoutes(app, ctx);
  registerPersonaCorrectionRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerPromptRoutes(app, ctx);
  registerFeedbackRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerFlowConfigRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerTurnContextRoutes(app, ctx);
  registerUsageRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerSafetyAlertRoutes(app, ctx);
  await registerWebUi(app, { root: options.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
