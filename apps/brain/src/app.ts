import { createHttpApp, type HttpApp } from '@coach/runtime';
import type { FastifyBaseLogger, RouteOptions } from 'fastify';
import { createServiceGuard } from './auth.ts';
import type { BackendClient } from './backend-client.ts';
import type { BrainConfig } from './config.ts';
import type { LlmClient } from './llm/client.ts';
import { registerConfigRoutes } from './routes/config.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerQueryRoutes } from './routes/query.ts';
import { registerTaskRoutes } from './routes/tasks.ts';
import type { TurnStore } from './turns/store.ts';

export interface BrainDeps {
  config: BrainConfig;
  backend: BackendClient;
  /** Where chat turns are read and stored: the database, directly. */
  turns: TurnStore;
  llm: LlmClient;
  tokens: { internalToken: string; adminToken?: string | undefined };
  /** One line saying which model answers, for /health. */
  llmDescription: string;
  logger?: FastifyBaseLogger;
  /** Told about every route as it is registered (tests list the routes to check each one's access). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * The Brain's HTTP API. Chat turns normally arrive through the queue instead: its workers are started by
 * the start-up (`startBrainService`), not here.
 */
export async function createBrainApp(deps: BrainDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    api: { title: 'Curiosity Coach Brain', description: 'Chat turns, memory and persona generation.' },
    logger: deps.logger,
    onRoute: deps.onRoute,
  });
  const guard = createServiceGuard(deps.tokens);
  registerHealthRoutes(app, deps);
  registerQueryRoutes(app, deps, guard);
  registerTaskRoutes(app, deps, guard);
  registerConfigRoutes(app, deps, guard);
  return app;
}
