import { generationJobs } from '@coach/data';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task, waitForJob } from '../../backend/test/generation.ts';
import { givenConversation, givenStudent } from '../../backend/test/harness.ts';
import { startSystem, type TestSystem } from './system.ts';

// End-to-end tests of generate-persona-for-user: Backend and Brain in one
// process, offline model. A little model latency keeps a job running long enough to be joined.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ env: { OFFLINE_LLM_LATENCY_MS: '50' }, brain: { memoryConcurrency: 3 } });
});
afterAll(() => system?.close());

const personaFor = (userId: number, query = '') =>
  task(system.backend, `/api/tasks/generate-persona-for-user/${userId}${query}`);

async function storedMemories(userId: number) {
  const memories = await system.backend.request('GET', `/api/internal/users/${userId}/memories`, {
    token: system.backend.internalToken,
  });
  return memories.body as { conversation_id: number; updated_at: string }[];
}

describe('generate-persona-for-user, end to end', () => {
  it('refreshes the memories first and answers with the saved persona (sync)', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 3);

    const done = await personaFor(student.id, '?sync=true&generate_conversation_memories_if_not_found=true');
    const memories = await storedMemories(student.id);
    const stored = await system.backend.request('GET', `/api/internal/users/${student.id}/persona`, {
      token: system.backend.internalToken,
    });
    const job = await system.backend.request('GET', `/api/tasks/jobs/${done.body.job_id}`, {
      token: system.backend.adminToken,
    });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      message: `Completed persona generation for user ${student.id} (refreshed 3 conversations first).`,
      mode: 'sync',
      state: 'completed',
      counts: { selected: 3, eligible: 3, refreshed: 3, skipped: 0, failed: 0 },
      failed_memories: [],
    });
    expect(done.body.persona.persona_data.persona).toContain('volcanoes');
    // readable the moment the answer arrives, and written after every memory
    expect(stored.body).toEqual(done.body.persona);
    expect(memories.map((m) => m.conversation_id).sort()).toEqual([...conversationIds].sort());
    for (const memory of memories) {
      expect(Date.parse(memory.updated_at)).toBeLessThan(Date.parse(done.body.persona.updated_at));
    }
    expect(job.body).toMatchObject({ state: 'completed', progress: { done: 4, total: 4 }, attempts: 1 });
  });

  it('queues the work and reports it through the job status until it is completed (async)', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2);

    const queued = await personaFor(student.id);
    const job = await waitForJob(system.backend, queued.body.job_id);

    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      message: `Queued persona generation for user ${student.id} (refreshed 2 conversations first).`,
      mode: 'async',
      job_id: expect.any(Number),
    });
    expect(job).toMatchObject({ type: 'persona-for-user', state: 'completed', user_id: student.id });
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.progress.total).toBe(3);
    expect(job.result.memories.counts).toEqual({ selected: 2, saved: 2, skipped: 0, failed: 0 });
    expect(job.result.persona.status).toBe('saved');
    expect(job.error).toBeUndefined();
  });

  it('refreshes at most clamp conversations, the latest first', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 3);

    const done = await personaFor(student.id, '?sync=true&clamp=2');
    const memories = await storedMemories(student.id);

    expect(done.body.message).toBe(
      `Completed persona generation for user ${student.id} (refreshed 2 conversations first).`,
    );
    expect(done.body.counts).toMatchObject({ selected: 2, eligible: 3, refreshed: 2 });
    expect(memories.map((m) => m.conversation_id).sort()).toEqual(conversationIds.slice(1).sort());
  });

  it('refreshes only what changed the second time (only_needing), and the persona again', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2);
    const first = await personaFor(student.id, '?sync=true');

    const again = await personaFor(student.id, '?sync=1');

    expect(again.body.message).toBe(
      `Completed persona generation for user ${student.id} (refreshed 0 conversations first).`,
    );
    expect(Date.parse(again.body.persona.updated_at)).toBeGreaterThan(Date.parse(first.body.persona.updated_at));
    expect(again.body.persona.id).toBe(first.body.persona.id);
  });

  it('with include_empty, refreshes and counts a conversation without messages, which then no longer needs a memory', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 1);
    const empty = await givenConversation(system.backend, student, 'Empty');

    const done = await personaFor(student.id, '?sync=true&include_empty=true');
    const emptyMemory = await system.backend.request('GET', `/api/internal/conversations/${empty}/memory`, {
      token: system.backend.internalToken,
    });
    const again = await task(system.backend, `/api/tasks/generate-memories-for-user/${student.id}?include_empty=true`);

    expect(done.body).toMatchObject({
      message: `Completed persona generation for user ${student.id} (refreshed 2 conversations first).`,
      counts: { selected: 2, eligible: 2, refreshed: 2, skipped: 0, failed: 0 },
    });
    // written as it is, with no model call: there was nothing to ask about
    expect(emptyMemory.body.memory_data).toEqual({
      main_topics: [],
      action: [],
      typical_observation: 'The conversation has no messages yet.',
    });
    expect((await storedMemories(student.id)).map((m) => m.conversation_id).sort()).toEqual(
      [conversationIds[0], empty].sort(),
    );
    expect(again.body).toMatchObject({ selected: 0, eligible: 0 });
  });

  it('with include_empty, generate-memories-for-user counts the empty conversation among those it completed', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1);
    await givenConversation(system.backend, student, 'Empty');

    const done = await task(
      system.backend,
      `/api/tasks/generate-memories-for-user/${student.id}?include_empty=true&sync=true`,
    );

    expect(done.body).toMatchObject({
      message: `Completed memory generation for 2 conversations (user ${student.id}, out of 2 eligible).`,
      counts: { selected: 2, saved: 2, skipped: 0, failed: 0 },
    });
  });

  it('says plainly that there is no persona when the student has no memories at all', async () => {
    const student = await givenStudent(system.backend);
    await givenConversation(system.backend, student, 'Empty');

    const done = await personaFor(student.id, '?sync=true');

    expect(done.status).toBe(200);
    expect(done.body.message).toBe(
      `No persona generated for user ${student.id}: they have no conversation memories (refreshed 0 conversations first).`,
    );
    expect(done.body.persona).toBeNull();
  });

  it('runs one generation for two requests at once: the second joins the first', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2);

    const [one, two] = await Promise.all([personaFor(student.id, '?sync=true'), personaFor(student.id, '?sync=true')]);
    const [jobs] = await system.backend.database.db
      .select({ n: count() })
      .from(generationJobs)
      .where(and(eq(generationJobs.userId, student.id), eq(generationJobs.type, 'persona-for-user')));

    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(two.body.job_id).toBe(one.body.job_id);
    expect([one.body.joined, two.body.joined].sort()).toEqual([false, true]);
    expect(two.body.persona).toEqual(one.body.persona);
    expect(two.body.counts).toEqual(one.body.counts);
    expect(jobs?.n).toBe(1);
  });

  it('answers 404 for an unknown student and 422 for a bad clamp', async () => {
    const student = await givenStudent(system.backend);

    const unknown = await personaFor(999_999, '?sync=true');
    const badClamp = await personaFor(student.id, '?clamp=ten');

    expect(unknown.status).toBe(404);
    expect(badClamp.status).toBe(422);
    expect(badClamp.body.detail).toContain('clamp');
  });
});
