import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  givenIdleFor,
  givenMemory,
  givenStudentWithConversations,
  task,
  waitForJob,
} from '../../backend/test/generation.ts';
import { startSystem, type TestSystem } from './system.ts';

// Every route of the Tasks table with its message text, answered by a real Brain (offline model).
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const backend = () => system.backend;

async function memoryOf(conversationId: number) {
  return system.backend.request('GET', `/api/internal/conversations/${conversationId}/memory`, {
    token: system.backend.internalToken,
  });
}

describe('the memory routes', () => {
  it('trigger-memory-generation-sync writes the memories of idle conversations', async () => {
    const { conversationIds } = await givenStudentWithConversations(backend(), 1);
    await givenIdleFor(backend(), conversationIds, 30);

    const done = await task(backend(), '/api/tasks/trigger-memory-generation-sync');

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      message: 'Task completed for 1 conversations (out of 1 total eligible).',
      counts: { selected: 1, saved: 1, skipped: 0, failed: 0 },
      results: [{ conversation_id: conversationIds[0], status: 'saved' }],
    });
    expect((await memoryOf(conversationIds[0]!)).status).toBe(200);
  });

  it('trigger-memory-generation queues them, and the job completes', async () => {
    const { conversationIds } = await givenStudentWithConversations(backend(), 2);
    await givenIdleFor(backend(), conversationIds, 30);

    const queued = await task(backend(), '/api/tasks/trigger-memory-generation?clamp=10');
    const job = await waitForJob(backend(), queued.body.job_id);

    expect(queued.status).toBe(202);
    expect(queued.body.message).toBe(
      'Task to generate memories has been queued for 2 conversations (out of 2 total eligible).',
    );
    expect(job).toMatchObject({ type: 'memory-batch', state: 'completed', progress: { done: 2, total: 2 } });
  });

  it('generate-memory-for-conversation, sync and async', async () => {
    const { conversationIds } = await givenStudentWithConversations(backend(), 2);
    const [first, second] = conversationIds as [number, number];

    const done = await task(backend(), `/api/tasks/generate-memory-for-conversation/${first}?sync=true`);
    const queued = await task(backend(), `/api/tasks/generate-memory-for-conversation/${second}`);
    await waitForJob(backend(), queued.body.job_id);

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      message: `Completed memory generation for conversation ${first}.`,
      memory: { conversation_id: first, memory_data: { main_topics: expect.any(Array) } },
    });
    expect(queued.status).toBe(202);
    expect(queued.body.message).toBe(`Queued memory generation for conversation ${second}.`);
    expect((await memoryOf(second)).status).toBe(200);
  });

  it('generate-memories-for-user, sync', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend(), 2);

    const done = await task(backend(), `/api/tasks/generate-memories-for-user/${student.id}?sync=true`);

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      message: `Completed memory generation for 2 conversations (user ${student.id}, out of 2 eligible).`,
      counts: { saved: 2, failed: 0 },
    });
    for (const id of conversationIds) expect((await memoryOf(id)).status).toBe(200);
  });
});

describe('the persona routes', () => {
  it('trigger-user-persona-generation-sync for one student', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend(), 1);
    await givenMemory(backend(), conversationIds[0]!, { main_topics: ['volcanoes'] });

    const done = await task(backend(), '/api/tasks/trigger-user-persona-generation-sync', { user_id: student.id });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      message: 'Sync task completed for 1 out of 1 selected users. (Total eligible: 1)',
      results: [{ user_id: student.id, status: 'saved' }],
    });
  });

  it('trigger-user-persona-generation-sync with user_id regenerates a persona that is up to date', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend(), 1);
    await givenMemory(backend(), conversationIds[0]!, { main_topics: ['volcanoes'] });
    const first = await task(backend(), '/api/tasks/trigger-user-persona-generation-sync', { user_id: student.id });

    const again = await task(backend(), '/api/tasks/trigger-user-persona-generation-sync', { user_id: student.id });

    expect(first.body.results).toMatchObject([{ status: 'saved' }]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      message: 'Sync task completed for 1 out of 1 selected users. (Total eligible: 1)',
      results: [{ user_id: student.id, status: 'saved' }],
    });
    expect(Date.parse(again.body.results[0].updated_at)).toBeGreaterThan(Date.parse(first.body.results[0].updated_at));
  });

  it('trigger-user-persona-generation for all eligible students, one job each', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend(), 1);
    await givenMemory(backend(), conversationIds[0]!);

    const queued = await task(backend(), '/api/tasks/trigger-user-persona-generation?clamp=-1');
    const jobs = await Promise.all(queued.body.job_ids.map((id: number) => waitForJob(backend(), id)));

    expect(queued.status).toBe(202);
    expect(queued.body.message).toMatch(
      /^Task to generate user personas has been queued for \d+ users from all eligible users \(out of \d+ total eligible\)\.$/,
    );
    expect(jobs.map((job) => job.user_id)).toContain(student.id);
    expect(jobs.every((job) => job.state === 'completed')).toBe(true);
  });
});

describe("the Brain's POST /tasks", () => {
  it('with wait=true runs to completion and returns per-item results', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend(), 2);
    const token = system.backend.internalToken;

    const memories = await system.brainRequest('POST', '/tasks?wait=true', {
      token,
      body: { task_type: 'GENERATE_MEMORY_BATCH', conversation_ids: conversationIds },
    });
    const persona = await system.brainRequest('POST', '/tasks?wait=true', {
      token,
      body: { task_type: 'USER_PERSONA_GENERATION', user_id: student.id },
    });

    expect(memories.status).toBe(200);
    expect(memories.body.results.map((r: { status: string }) => r.status)).toEqual(['saved', 'saved']);
    expect(persona.body.results).toMatchObject([{ user_id: student.id, status: 'saved' }]);
  });

  it('without wait answers 202 and puts the work on the durable queue', async () => {
    const { conversationIds } = await givenStudentWithConversations(backend(), 1);

    const accepted = await system.brainRequest('POST', '/tasks', {
      token: system.backend.internalToken,
      body: { task_type: 'GENERATE_MEMORY_BATCH', conversation_ids: conversationIds },
    });
    const job = await waitForJob(backend(), accepted.body.job_id);

    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'accepted', job_id: expect.any(Number) });
    expect(job.result.memories.counts.saved).toBe(1);
  });

  it('answers 404 through the Brain for an unknown student', async () => {
    const unknown = await system.brainRequest('POST', '/tasks', {
      token: system.backend.internalToken,
      body: { task_type: 'USER_PERSONA_GENERATION', user_id: 999_999 },
    });
    expect(unknown.status).toBe(404);
  });
});
