import type { Database } from '@coach/data';
import { type JobQueue, loadProviderModeration, moderationFailure } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { createBrainApp } from './app.ts';
import { type BackendClient, createBackendClient } from './backend-client.ts';
import { type BrainConfig, loadBrainConfig } from './config.ts';
import { startGenerationWorker } from './generation/worker.ts';
import { createLlmClient } from './llm/client.ts';
import { describeLlmChoice, loadLlmSettings } from './llm/config.ts';
import { builtinPromptList } from './prompts/builtin.ts';
import { createTurnStore } from './turns/store.ts';
import { startTurnWorker } from './turns/worker.ts';
import { createModelCallRecorder, type ModelCallRecorder } from './usage/recorder.ts';

export interface BrainServiceOptions {
  env?: Record<string, string | undefined>;
  /**
   * The system's database, which chat turns read and write directly: the Backend's own `Database` when
   * both run in one process (its waiting students are then handed the reply), or one opened on
   * DATABASE_URL by a Brain of its own.
   */
  database: Database;
  queue: JobQueue;
  tokens: { internalToken: string; adminToken?: string | undefined };
  logger: FastifyBaseLogger;
  /** Overrides of the environment's settings (tests, the all-in-one start). */
  config?: Partial<BrainConfig>;
}

export interface RunningBrain {
  url: string;
  backend: BackendClient;
  /** Sends the usage ledger's buffered entries now (tests, before reading the ledger). */
  flushUsage(): Promise<void>;
  stop(): Promise<void>;
}

/** Stores the built-in prompts as version 1 where missing, waiting for the Backend to come up. */
async function ensureBuiltinPrompts(backend: BackendClient, logger: FastifyBaseLogger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { created } = await backend.ensurePrompts(builtinPromptList());
      if (created.length > 0) logger.info({ created }, 'stored the built-in prompts as version 1');
      return;
    } catch (error) {
      if (attempt >= 30) throw error;
      logger.warn({ attempt }, 'Backend not reachable yet; retrying the prompt set-up');
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, 2_000)));
    }
  }
}

/** The Brain: prompts ensured, chat-turn and generation workers on the queue, HTTP API listening. */
export async function startBrainService(options: BrainServiceOptions): Promise<RunningBrain> {
  const env = options.env ?? process.env;
  const config = { ...loadBrainConfig(env), ...options.config };
  const logger = options.logger;
  const settings = loadLlmSettings(env);
  const llmDescription = describeLlmChoice(settings);
  logger.info(llmDescription);
  const backend = createBackendClient({ baseUrl: config.backendUrl, token: options.tokens.internalToken });
  const recorder: ModelCallRecorder | undefined = config.usageLedger
    ? createModelCallRecorder({
        send: async (calls) => {
          await backend.recordModelCalls(calls);
        },
        flushIntervalMs: config.usageFlushMs,
        logger,
      })
    : undefined;
  const llm = createLlmClient({ settings, env, logger, recorder });

  await ensureBuiltinPrompts(backend, logger);
  // the provider's moderation tells its failures to the log (their kind, never the text)
  const moderate =
    loadProviderModeration(env, (error) =>
      logger.warn(moderationFailure(error), 'safety moderation could not be asked; the built-in screen alone decided'),
    ) ?? config.safety.moderate;
  const turns = createTurnStore(options.database, { safety: { ...config.safety, moderate }, logger });
  const app = await createBrainApp({ config, backend, turns, llm, tokens: options.tokens, llmDescription, logger });
  await app.listen({ port: config.port, host: config.host });
  await startTurnWorker(options.queue, {
    turns,
    llm,
    maxSnippetLength: config.maxSnippetLength,
    concurrency: config.turnConcurrency,
    turnTimeoutMs: config.turnTimeoutMs,
    logger,
  });
  await startGenerationWorker(options.queue, {
    backend,
    llm,
    concurrency: config.memoryConcurrency,
    jobConcurrency: config.generationJobConcurrency,
    callConcurrency: config.generationConcurrency,
    logger,
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info(`Brain listening on ${url}`);
  return {
    url,
    backend,
    flushUsage: async () => recorder?.flush(),
    async stop() {
      await app.close();
      // what the last calls used reaches the ledger before the process goes
      await recorder?.close();
    },
  };
}
