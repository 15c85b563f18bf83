import { QUEUE_NAMES } from '@coach/core';
import type { JobQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from '../../backend/src/config.ts';
import { type ApiResponse, type Student, startBackend, type TestBackend } from '../../backend/test/harness.ts';
import type { BrainConfig } from '../src/config.ts';
import type { StepRecord } from '../src/pipeline/types.ts';
import { type RunningBrain, startBrainService } from '../src/server.ts';

export interface TestSystem {
  backend: TestBackend;
  brain: RunningBrain;
  /** Calls the Brain's HTTP API. */
  brainRequest(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface SystemOptions {
  backend?: Partial<Config>;
  brain?: Partial<BrainConfig>;
  /** The Brain's environment: LLM settings (LLM_BASE_URL, LLM_CONFIG, OFFLINE_LLM_LATENCY_MS…). */
  env?: Record<string, string | undefined>;
  /**
   * How pg-boss retries a failed chat turn, instead of the queue's defaults (3 retries after 2 s with
   * backoff: up to half a minute before a student hears that the turn failed).
   */
  chatTurnRetry?: ChatTurnRetry;
}

export interface ChatTurnRetry {
  retryLimit: number;
  retryDelaySeconds: number;
}

const quiet: FastifyBaseLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Backend and Brain as `npm start` runs them (one process, HTTP over loopback, one queue), on a fresh
 * database of the kind under test. With no LLM variables in `env`, the offline model answers.
 */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const retry = options.chatTurnRetry;
  const backend = await startBackend(
    options.backend ?? {},
    retry ? { wrapQueue: (queue) => withChatTurnRetry(queue, retry) } : {},
  );
  const brain = await startBrainService({
    env: { ...options.env },
    database: backend.database,
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

/** Sends every chat-turn job with its own retry policy (pg-boss lets a job override its queue's). */
export function withChatTurnRetry(queue: JobQueue, retry: ChatTurnRetry): JobQueue {
  return {
    ...queue,
    send(name, data, options) {
      if (name !== QUEUE_NAMES.chatTurn) return queue.send(name, data, options);
      return queue.send(name, data, {
        ...options,
        retryLimit: retry.retryLimit,
        retryDelay: retry.retryDelaySeconds,
        retryBackoff: false,
      });
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

/** A student message sent like the web client sends it, and the coach's answer once it is there. */
export async function askCoach(
  system: TestSystem,
  student: Student,
  conversationId: number,
  content: string,
  purpose: 'chat' | 'test-prompt' = 'chat',
): Promise<{ messageId: number; reply: ApiResponse }> {
  const sent = await system.backend.request('POST', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
    body: { content, purpose },
  });
  if (sent.status !== 200) throw new Error(`sending a message failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  const messageId: number = sent.body.message.id;
  return { messageId, reply: await waitForReply(system, student.token, messageId) };
}

/** The pipeline steps the Brain recorded for a coach message, as the student sees them. */
export async function pipelineSteps(system: TestSystem, token: string, aiMessageId: number): Promise<StepRecord[]> {
  const response = await system.backend.request('GET', `/api/messages/${aiMessageId}/pipeline_steps`, { token });
  if (response.status !== 200) throw new Error(`pipeline_steps answered ${response.status}`);
  return response.body;
}
