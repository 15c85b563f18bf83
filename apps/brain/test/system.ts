import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from '../../backend/src/config.ts';
import { startBackend, type TestBackend } from '../../backend/test/harness.ts';
import type { BrainConfig } from '../src/config.ts';
import { type RunningBrain, startBrainService } from '../src/service.ts';

export interface TestSystem {
  backend: TestBackend;
  brain: RunningBrain;
  /** Calls the Brain's HTTP API. */
  brainRequest(method: string, path: string, options?: { token?: string | null; body?: unknown }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface SystemOptions {
  backend?: Partial<Config>;
  brain?: Partial<BrainConfig>;
  /** The Brain's environment: LLM settings (LLM_BASE_URL, LLM_CONFIG, OFFLINE_LLM_LATENCY_MS…). */
  env?: Record<string, string | undefined>;
}

const quiet: FastifyBaseLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Backend and Brain as `npm start` runs them (one process, HTTP over loopback, one queue), on a fresh
 * database of the kind under test. With no LLM variables in `env`, the offline model answers.
 */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const backend = await startBackend(options.backend ?? {});
  const brain = await startBrainService({
    env: { ...options.env },
    queue: backend.queue,
    tokens: { internalToken: backend.internalToken, adminToken: backend.adminToken },
    logger: quiet,
    config: { port: 0, host: '127.0.0.1', backendUrl: backend.url, ...options.brain },
  });
  return {
    backend,
    brain,
    async brainRequest(method, path, requestOptions = {}) {
      const headers: Record<string, string> = {};
      if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;
      if (requestOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${brain.url}${path}`, {
        method,
        headers,
        body: requestOptions.body === undefined ? undefined : JSON.stringify(requestOptions.body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await brain.stop();
      await backend.close();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the response route like the web client until the turn is answered (200) or failed (≥ 400). */
export async function waitForReply(system: TestSystem, token: string, messageId: number, timeoutMs = 20_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const response = await system.backend.request('GET', `/api/messages/${messageId}/response`, { token });
    if (response.status !== 202) return response;
  }
  throw new Error(`message ${messageId} got no reply within ${timeoutMs} ms`);
}
