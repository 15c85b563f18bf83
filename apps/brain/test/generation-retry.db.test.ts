import { setTimeout as sleep } from 'node:timers/promises';
import { QUEUE_NAMES } from '@coach/core';
import { openDatabase, queueConnection } from '@coach/data';
import { type JobQueue, startQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { GAVE_UP } from '../../backend/src/jobs/service.ts';
import { givenStudentWithConversations, task, waitForJob } from '../../backend/test/generation.ts';
import { startBackend, type TestBackend } from '../../backend/test/harness.ts';
import { startBrainService } from '../src/server.ts';

// pg-boss at work: a generation job outlives the worker that held it. Each test starts its own Backend
// (and Brains) on a fresh database; "a process" here is a Brain with a pg-boss instance of its own.
const quiet: FastifyBaseLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // the latest started first; stopping twice (a crashed Brain) is harmless
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
});

async function givenBackend(options: Parameters<typeof startBackend>[1] = {}) {
  const backend = await startBackend({}, options);
  stops.push(() => backend.close());
  return backend;
}

/** A Brain as its own process would run: its own pg-boss instance on the shared database. */
async function startBrainProcess(backend: TestBackend, env: Record<string, string> = {}) {
  // a process of its own: a pool and a pg-boss instance of its own on the shared database
  const database = openDatabase({ databaseUrl: backend.database.connectionString });
  stops.push(() => database.close());
  const queue = await startQueue(queueConnection(backend.database));
  stops.push(() => queue.stop());
  const brain = await startBrainService({
    env,
    database,
    queue,
    tokens: { internalToken: backend.internalToken, adminToken: backend.adminToken },
    logger: quiet,
    config: { port: 0, host: '127.0.0.1', backendUrl: backend.url },
  });
  stops.push(() => brain.stop());
  return {
    brain,
    queue,
    /** The process goes away: its pg-boss instance gives the job it holds back, and it serves no more. */
    async crash() {
      await queue.stop();
      await brain.stop();
    },
  };
}

async function untilJob(backend: TestBackend, jobId: number, state: string) {
  for (let i = 0; i < 400; i++) {
    const job = await backend.request('GET', `/api/tasks/jobs/${jobId}`, { token: backend.adminToken });
    if (job.body.state === state) return job.body;
    await sleep(25);
  }
  throw new Error(`job ${jobId} never became ${state}`);
}

describe('a generation job and the workers that run it', () => {
  it('is retried when its worker dies mid-way, and finishes once', { timeout: 90_000 }, async () => {
    const backend = await givenBackend();
    // the first Brain thinks forever, so it dies in the middle of the job
    const doomed = await startBrainProcess(backend, { OFFLINE_LLM_LATENCY_MS: '60000' });
    const { student } = await givenStudentWithConversations(backend, 2);

    const queued = await task(backend, `/api/tasks/generate-persona-for-user/${student.id}`);
    const running = await untilJob(backend, queued.body.job_id, 'running');
    await doomed.crash();
    await startBrainProcess(backend);
    const finished = await waitForJob(backend, queued.body.job_id, 60_000);
    await sleep(500);
    const later = await backend.request('GET', `/api/tasks/jobs/${queued.body.job_id}`, { token: backend.adminToken });

    expect(running.attempts).toBe(1);
    expect(finished).toMatchObject({ state: 'completed', attempts: 2, progress: { done: 3, total: 3 } });
    expect(finished.result.memories.counts).toMatchObject({ saved: 2, failed: 0 });
    expect(finished.result.persona.status).toBe('saved');
    // the dead worker's attempt reports nothing afterwards
    expect(later.body).toEqual(finished);
  });

  it('is marked failed, with the reason, when its retries run out without an answer', { timeout: 60_000 }, async () => {
    const backend = await givenBackend({ wrapQueue: withoutRetries });
    const { student } = await givenStudentWithConversations(backend, 1);
    // a worker that takes the job and dies before it says anything
    const crashing = await startQueue(queueConnection(backend.database));
    stops.push(() => crashing.stop());
    await crashing.work(QUEUE_NAMES.personaGeneration, {}, async () => {
      throw new Error('the process died');
    });

    const queued = await task(backend, `/api/tasks/generate-persona-for-user/${student.id}`);
    const failed = await waitForJob(backend, queued.body.job_id, 30_000);

    expect(failed).toMatchObject({ state: 'failed', error: GAVE_UP });
  });
});

/** Generation jobs sent with no retries, so the first failure goes to the dead letter. */
function withoutRetries(queue: JobQueue): JobQueue {
  return {
    ...queue,
    send(name, data, options) {
      const generation = name === QUEUE_NAMES.memoryGeneration || name === QUEUE_NAMES.personaGeneration;
      return queue.send(name, data, generation ? { ...options, retryLimit: 0 } : options);
    },
  };
}
