import { randomUUID } from 'node:crypto';
import type { JobQueue, Secrets } from '@coach/runtime';
import { errorAnswerOptions, installErrorHandler, rejectUnstorableBodies } from '@coach/runtime';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAdminRoutes } from './admin/routes.ts';
import type { AppContext, ZodApp } from './app-context.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import { registerConversationRoutes } from './conversations/routes.ts';
import type { Database } from './db/database.ts';
import { registerFeedbackRoutes } from './feedback/routes.ts';
import { registerFlowConfigRoutes } from './flow-config/routes.ts';
import { registerHealthRoutes } from './health/routes.ts';
import { createGuards } from './http/auth.ts';
import { DOCS_CONTENT_SECURITY_POLICY, registerSecurityHeaders } from './http/security-headers.ts';
import { startDeadLetterWorker } from './jobs/dead-letter.ts';
import { registerJobRoutes } from './jobs/routes.ts';
import { createJobService } from './jobs/service.ts';
import { registerMemoryRoutes } from './memories/routes.ts';
import { startChatTurnDeadLetterWorker } from './messages/dead-letter.ts';
import { createReplyWaiters } from './messages/reply-waiters.ts';
import { createMessagesRepository } from './messages/repository.ts';
import { registerMessageRoutes } from './messages/routes.ts';
import { registerPersonaRoutes } from './personas/routes.ts';
import { registerPromptRoutes } from './prompts/routes.ts';
import { createRateLimitsRepository } from './rate-limits/repository.ts';
import { createRateLimiter, TooManyRequests } from './rate-limits/service.ts';
import { createTaskServiceFor, registerTaskRoutes } from './tasks/routes.ts';
import { startGenerationSchedule } from './tasks/schedule.ts';
import { registerTurnContextRoutes } from './turn-context/routes.ts';
import { createUsersRepository } from './users/repository.ts';
import { DEFAULT_WEB_ROOT, registerWebUi } from './web-ui/routes.ts';

export interface BackendDeps {
  config: Config;
  secrets: Secrets;
  database: Database;
  queue: JobQueue;
  /** Request logs go here; none when absent (tests). */
  logger?: FastifyBaseLogger;
  /** The built web UI to serve at `/`; apps/web/dist when absent. */
  webRoot?: string;
  /** Told about every route as it is registered (tests list the routes to check each one's access). */
  onRoute?: (route: RouteOptions) => void;
}

/** The Backend's HTTP app: every route of API.md that the Backend owns, wired to its dependencies. */
export async function createApp(deps: BackendDeps): Promise<ZodApp> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
    ...errorAnswerOptions,
  }).withTypeProvider<ZodTypeProvider>();
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  rejectUnstorableBodies(app);
  app.decorateRequest('caller', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurityHeaders(app);
  // a refused request also says when to come back (the error handler sends only the detail)
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Curiosity Coach Backend',
        description: 'Students, conversations, messages, memories, personas and versioned prompts.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CONTENT_SECURITY_POLICY });

  const users = createUsersRepository(deps.database.db);
  const ctx: AppContext = {
    config: deps.config,
    secrets: deps.secrets,
    database: deps.database,
    db: deps.database.db,
    queue: deps.queue,
    guards: createGuards(deps.secrets, users),
    limiter: createRateLimiter(createRateLimitsRepository(deps.database.db), {
      limits: {
        loginsPerIdentifier: deps.config.loginRateLimitPerMinute,
        loginsPerAddress: deps.config.loginAddressRateLimitPerMinute,
        messagesPerStudent: deps.config.messageRateLimitPerMinute,
      },
      // replicas share it (their tokens must verify everywhere), so they name the same counters
      keySecret: deps.secrets.tokenSecret,
    }),
    repos: { users },
    replies: createReplyWaiters(),
  };

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerMemoryRoutes(app, ctx);
  registerPersonaRoutes(app, ctx);
  registerPromptRoutes(app, ctx);
  registerFeedbackRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerFlowConfigRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerTurnContextRoutes(app, ctx);
  // the Backend's own queue work is bookkeeping (no LLM): dead generation jobs and chat turns, schedule ticks
  await startDeadLetterWorker({ queue: ctx.queue, jobs: createJobService(ctx), logger: app.log });
  await startChatTurnDeadLetterWorker({
    queue: ctx.queue,
    messages: createMessagesRepository(ctx.db),
    logger: app.log,
  });
  await startGenerationSchedule({
    queue: ctx.queue,
    tasks: createTaskServiceFor(ctx),
    minutes: ctx.config.generationScheduleMinutes,
    logger: app.log,
  });
  await registerWebUi(app, { root: deps.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
