import { type GenerationJobPayload, QUEUE_NAMES } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMemory, givenStudentWithConversations, task } from './generation.ts';
import { givenConversation, givenStudent, startBackend, type TestBackend } from './harness.ts';

// The Backend's tests for POST /api/tasks/generate-persona-for-user/{user_id}. No
// Brain runs: the test takes the queued job itself and plays the Brain through the internal routes.
type PersonaForUserPayload = Extract<GenerationJobPayload, { type: 'persona-for-user' }>;

let backend: TestBackend;
const delivered: PersonaForUserPayload[] = [];
beforeAll(async () => {
  backend = await startBackend();
  await backend.queue.work<PersonaForUserPayload>(QUEUE_NAMES.personaGeneration, {}, async (job) => {
    delivered.push(job.data);
  });
});
afterAll(() => backend?.close());

const internal = (path: string, body: unknown) => backend.request('POST', path, { token: backend.internalToken, body });

async function deliveredJob(jobId: number): Promise<PersonaForUserPayload> {
  for (let i = 0; i < 200; i++) {
    const found = delivered.find((payload) => payload.job_id === jobId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} never reached the persona queue`);
}

/** What the Brain does with a persona-for-user job: each memory, then the persona, then complete. */
async function playTheBrain(payload: PersonaForUserPayload) {
  const jobs = `/api/internal/jobs/${payload.job_id}`;
  expect((await internal(`${jobs}/start`, { attempt: 1 })).status).toBe(200);
  const items = [];
  const total = payload.conversation_ids.length + 1;
  for (const [index, conversationId] of payload.conversation_ids.entries()) {
    const memory = await internal('/api/memories', {
      conversation_id: conversationId,
      memory_data: { main_topics: ['x'] },
    });
    items.push({ conversation_id: conversationId, status: 'saved', updated_at: memory.body.updated_at });
    await internal(`${jobs}/progress`, { attempt: 1, done: index + 1, total });
  }
  const persona = await internal('/api/user-personas', {
    user_id: payload.user_id,
    persona_data: { persona: 'Curious.' },
  });
  const counts = { selected: items.length, saved: items.length, skipped: 0, failed: 0 };
  const result = {
    type: 'persona-for-user',
    user_id: payload.user_id,
    memories: { counts, items },
    persona: { status: 'saved', updated_at: persona.body.updated_at },
  };
  return internal(`${jobs}/complete`, { attempt: 1, result });
}

describe('generate-persona-for-user', () => {
  it('with the flag on, selects the stale conversations and queues one job: their memories, then the persona', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 3);
    const [first, second, third] = conversationIds as [number, number, number];
    await givenMemory(backend, second); // up to date: not refreshed

    const queued = await task(backend, `/api/tasks/generate-persona-for-user/${student.id}`);
    const payload = await deliveredJob(queued.body.job_id);
    const completed = await playTheBrain(payload);
    const job = await backend.request('GET', `/api/tasks/jobs/${queued.body.job_id}`, { token: backend.adminToken });
    const memories = await backend.request('GET', `/api/internal/users/${student.id}/memories`, {
      token: backend.internalToken,
    });
    const persona = await backend.request('GET', `/api/internal/users/${student.id}/persona`, {
      token: backend.internalToken,
    });

    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      message: `Queued persona generation for user ${student.id} (refreshed 2 conversations first).`,
      mode: 'async',
      joined: false,
      counts: { selected: 2, eligible: 2, refreshed: null, failed: null },
      persona: null,
    });
    // the latest conversations first
    expect(payload).toEqual({
      job_id: queued.body.job_id,
      type: 'persona-for-user',
      user_id: student.id,
      conversation_ids: [third, first],
    });
    expect(completed.status).toBe(200);
    expect(job.body).toMatchObject({ type: 'persona-for-user', state: 'completed', progress: { done: 3, total: 3 } });
    const refreshed = memories.body.filter((m: { conversation_id: number }) => m.conversation_id !== second);
    for (const memory of refreshed)
      expect(Date.parse(memory.updated_at)).toBeLessThan(Date.parse(persona.body.updated_at));
  });

  it('with the flag off, queues the persona alone', async () => {
    const { student } = await givenStudentWithConversations(backend, 2);

    const queued = await task(
      backend,
      `/api/tasks/generate-persona-for-user/${student.id}?generate_conversation_memories_if_not_found=false`,
    );
    const payload = await deliveredJob(queued.body.job_id);

    expect(queued.body.message).toBe(
      `Queued persona generation for user ${student.id} (refreshed 0 conversations first).`,
    );
    expect(payload).toMatchObject({ type: 'persona-for-user', conversation_ids: [] });
  });

  it('passes clamp, only_needing and include_empty to the selection', async () => {
    const clampedStudent = (await givenStudentWithConversations(backend, 3)).student;
    const withEmpty = await givenStudentWithConversations(backend, 1);
    const empty = await givenConversation(backend, withEmpty.student, 'Empty');
    await givenMemory(backend, withEmpty.conversationIds[0]!);

    const clamped = await task(backend, `/api/tasks/generate-persona-for-user/${clampedStudent.id}?clamp=1`);
    const all = await task(
      backend,
      `/api/tasks/generate-persona-for-user/${withEmpty.student.id}?only_needing=false&include_empty=true`,
    );

    expect(clamped.body.counts).toMatchObject({ selected: 1, eligible: 3 });
    expect((await deliveredJob(clamped.body.job_id)).conversation_ids).toHaveLength(1);
    expect(all.body.counts).toMatchObject({ selected: 2, eligible: 2 });
    expect((await deliveredJob(all.body.job_id)).conversation_ids).toEqual([empty, withEmpty.conversationIds[0]]);
  });

  it('lets a second request for the same student join the first instead of running twice', async () => {
    const student = await givenStudent(backend);
    const path = `/api/tasks/generate-persona-for-user/${student.id}`;

    const [one, two] = await Promise.all([task(backend, path), task(backend, path)]);

    expect(two.body.job_id).toBe(one.body.job_id);
    expect([one.body.joined, two.body.joined].sort()).toEqual([false, true]);
    expect(one.body.message).toBe(two.body.message);
  });

  it('answers 404 for an unknown student and 422 for a bad clamp', async () => {
    const student = await givenStudent(backend);

    const unknown = await task(backend, '/api/tasks/generate-persona-for-user/999999');
    const badClamp = await task(backend, `/api/tasks/generate-persona-for-user/${student.id}?clamp=-5`);
    const notAnId = await task(backend, '/api/tasks/generate-persona-for-user/abc');

    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('User 999999 not found.');
    expect(badClamp.status).toBe(422);
    expect(badClamp.body.detail).toBe('querystring.clamp: must be -1 (no limit) or a whole number ≥ 0');
    expect(notAnId.status).toBe(422);
  });
});

describe("the Brain's reports on a job", () => {
  async function queuedJob() {
    const student = await givenStudent(backend);
    const queued = await task(backend, `/api/tasks/generate-persona-for-user/${student.id}`);
    return `/api/internal/jobs/${queued.body.job_id}`;
  }

  it('refuses reports from an older attempt and about a settled job (409)', async () => {
    const jobs = await queuedJob();

    await internal(`${jobs}/start`, { attempt: 1 });
    const retried = await internal(`${jobs}/fail`, { attempt: 1, error: 'model timed out', final: false });
    await internal(`${jobs}/start`, { attempt: 2 });
    const stale = await internal(`${jobs}/progress`, { attempt: 1, done: 1, total: 1 });
    const oldStart = await internal(`${jobs}/start`, { attempt: 1 });
    const failed = await internal(`${jobs}/fail`, { attempt: 2, error: 'model timed out again', final: true });
    const late = await internal(`${jobs}/complete`, {
      attempt: 2,
      result: { type: 'user-persona', user_id: 1, persona: { status: 'skipped', reason: 'none' } },
    });

    expect(retried.body).toMatchObject({ state: 'queued', error: 'model timed out' });
    expect(stale.status).toBe(409);
    expect(oldStart.status).toBe(409);
    expect(failed.body).toMatchObject({ state: 'failed', error: 'model timed out again', attempts: 2 });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('already failed');
  });

  it('fails a job from the dead letter with the last error it knows', async () => {
    const jobs = await queuedJob();

    await internal(`${jobs}/start`, { attempt: 1 });
    await internal(`${jobs}/fail`, { attempt: 1, error: 'the Backend was unreachable', final: false });
    const dead = await internal(`${jobs}/fail`, { error: 'Gave up.', final: true });

    expect(dead.body.state).toBe('failed');
    expect(dead.body.error).toBe('Gave up. Last error: the Backend was unreachable');
  });

  it('needs the internal token', async () => {
    const jobs = await queuedJob();
    const asAdminOnly = await backend.request('POST', `${jobs}/start`, { body: { attempt: 1 } });
    expect(asAdminOnly.status).toBe(401);
  });
});
