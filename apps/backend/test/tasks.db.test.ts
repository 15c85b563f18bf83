import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  givenIdleFor,
  givenMemory,
  givenMemoryWrittenHoursAgo,
  givenPersona,
  givenPersonaOlderThanMemories,
  givenStudentWithConversations,
  settleActiveJobs,
  task,
} from './generation.ts';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type Student,
  startBackend,
  type TestBackend,
} from './harness.ts';

// No Brain here: jobs stay queued, and each test settles them so the next request does not join one.
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ memoryInactivityThresholdHours: 24 });
});
afterAll(() => backend?.close());
beforeEach(() => settleActiveJobs(backend));

const job = (jobId: number) => backend.request('GET', `/api/tasks/jobs/${jobId}`, { token: backend.adminToken });

describe('generate-memories-for-user: which conversations need a memory', () => {
  it('takes conversations with messages and no memory, and queues one job for them', async () => {
    const { student } = await givenStudentWithConversations(backend, 2);
    await givenConversation(backend, student, 'Empty');

    const queued = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}`);

    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      message: `Queued memory generation for 2 conversations (user ${student.id}, out of 2 eligible).`,
      selected: 2,
      eligible: 2,
      joined: false,
    });
    const created = await job(queued.body.job_id);
    expect(created.body).toMatchObject({
      type: 'memory-batch',
      state: 'queued',
      user_id: student.id,
      progress: { done: 0, total: 2 },
    });
  });

  it('skips a conversation whose memory is newer than its last message, and takes it again after a new one', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 1);
    const [conversationId] = conversationIds as [number];
    await givenMemory(backend, conversationId);

    const skipped = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}`);
    await givenMessage(backend, student, conversationId, 'And what about lava?');
    const taken = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}`);

    expect(skipped.status).toBe(202);
    expect(skipped.body).toMatchObject({
      message: `Nothing to generate: 0 conversations (user ${student.id}, out of 0 eligible).`,
      selected: 0,
    });
    expect(skipped.body.job_id).toBeUndefined();
    expect(taken.body).toMatchObject({ selected: 1, eligible: 1 });
  });

  it('takes every conversation with messages when only_needing is false', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 2);
    await givenMemory(backend, conversationIds[0]!);

    const all = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?only_needing=false`);

    expect(all.body).toMatchObject({ selected: 2, eligible: 2 });
  });

  it('takes conversations without messages too when include_empty is true (1/0 accepted for booleans)', async () => {
    const { student } = await givenStudentWithConversations(backend, 1);
    await givenConversation(backend, student, 'Empty');

    const withEmpty = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?include_empty=1`);

    expect(withEmpty.body).toMatchObject({ selected: 2, eligible: 2 });
  });

  it('honours clamp: at most N, -1 for no limit, 0 for none', async () => {
    const { student } = await givenStudentWithConversations(backend, 3);

    const one = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?clamp=1`);
    await settleActiveJobs(backend);
    const none = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?clamp=0`);
    const unlimited = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?clamp=-1`);

    expect(one.body).toMatchObject({ selected: 1, eligible: 3 });
    expect(none.body).toMatchObject({ selected: 0, eligible: 3 });
    expect(unlimited.body).toMatchObject({ selected: 3, eligible: 3 });
  });

  it.each(['-2', 'abc', '1.5', ''])('refuses clamp=%s with 422', async (clamp) => {
    const { student } = await givenStudentWithConversations(backend, 1);

    const refused = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?clamp=${clamp}`);

    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('clamp');
  });

  it('answers 404 for an unknown student and 422 for a bad boolean', async () => {
    const student = await givenStudent(backend);

    const unknown = await task(backend, '/api/tasks/generate-memories-for-user/999999');
    const badFlag = await task(backend, `/api/tasks/generate-memories-for-user/${student.id}?sync=yes`);

    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('User 999999 not found.');
    expect(badFlag.status).toBe(422);
    expect(badFlag.body.detail).toContain('sync');
  });
});

describe('trigger-memory-generation: the global trigger', () => {
  it('takes only conversations idle past the threshold, and says so when there are none', async () => {
    const idle = await givenStudentWithConversations(backend, 2);
    await givenStudentWithConversations(backend, 1); // active: not idle long enough
    await givenIdleFor(backend, idle.conversationIds, 25);

    const queued = await task(backend, '/api/tasks/trigger-memory-generation');
    await settleActiveJobs(backend);
    const clamped = await task(backend, '/api/tasks/trigger-memory-generation?clamp=1');
    await settleActiveJobs(backend);
    for (const id of idle.conversationIds) await givenMemory(backend, id);
    const nothing = await task(backend, '/api/tasks/trigger-memory-generation');

    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      message: 'Task to generate memories has been queued for 2 conversations (out of 2 total eligible).',
      selected: 2,
      eligible: 2,
    });
    expect(clamped.body.message).toBe(
      'Task to generate memories has been queued for 1 conversations (out of 2 total eligible).',
    );
    expect(nothing.status).toBe(202);
    expect(nothing.body).toEqual({
      message: 'No conversations found that require memory generation.',
      selected: 0,
      eligible: 0,
    });
  });

  it('joins the queued global job instead of queueing the same work twice', async () => {
    const idle = await givenStudentWithConversations(backend, 1);
    await givenIdleFor(backend, idle.conversationIds, 48);

    const first = await task(backend, '/api/tasks/trigger-memory-generation');
    const second = await task(backend, '/api/tasks/trigger-memory-generation');

    expect(second.body.job_id).toBe(first.body.job_id);
    expect([first.body.joined, second.body.joined]).toEqual([false, true]);
  });
});

describe('trigger-user-persona-generation: which students need a persona', () => {
  /** Whether the trigger without a body (every student who needs a persona) takes this student. */
  async function triggerTakes(student: Student): Promise<boolean> {
    const all = await task(backend, '/api/tasks/trigger-user-persona-generation?clamp=-1');
    const jobs = await Promise.all(all.body.job_ids.map(job));
    await settleActiveJobs(backend);
    return jobs.some((created) => created.body.user_id === student.id);
  }

  it('takes a student with memories and no persona, not after the persona, and again once a memory is updated', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 1);
    const [conversationId] = conversationIds as [number];
    await givenMemory(backend, conversationId);

    const needed = await triggerTakes(student);
    await givenPersona(backend, student.id);
    const upToDate = await triggerTakes(student);
    await givenPersonaOlderThanMemories(backend, student.id);
    await givenMemory(backend, conversationId, { main_topics: ['lava'] });
    const stale = await triggerTakes(student);

    expect([needed, upToDate, stale]).toEqual([true, false, true]);
  });

  it('no longer takes a student whose newer memory went with a deleted conversation', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 2, { name: 'Ravi' });
    const [kept, deleted] = conversationIds as [number, number];
    await givenMemory(backend, kept);
    await givenMemory(backend, deleted);
    await givenPersona(backend, student.id);
    await givenMemoryWrittenHoursAgo(backend, kept, 2);
    await givenPersonaOlderThanMemories(backend, student.id); // an hour ago: between the two memories

    const before = await triggerTakes(student);
    await backend.request('DELETE', `/api/conversations/${deleted}`, { token: student.token });
    const after = await triggerTakes(student);

    expect([before, after]).toEqual([true, false]);
  });

  it('takes all eligible students without a body, one job each, clamped', async () => {
    for (let i = 0; i < 2; i++) {
      const { conversationIds } = await givenStudentWithConversations(backend, 1);
      await givenMemory(backend, conversationIds[0]!);
    }

    const clamped = await task(backend, '/api/tasks/trigger-user-persona-generation?clamp=1');

    expect(clamped.body.message).toMatch(
      /^Task to generate user personas has been queued for 1 users from all eligible users \(out of \d+ total eligible\)\.$/,
    );
    expect(clamped.body.eligible).toBeGreaterThanOrEqual(2);
    expect(clamped.body.job_ids).toHaveLength(1);
  });

  it('with user_id runs for that student, eligible or not (as the original did)', async () => {
    const withoutMemories = (await givenStudentWithConversations(backend, 1)).student;
    const upToDate = await givenStudentWithConversations(backend, 1);
    await givenMemory(backend, upToDate.conversationIds[0]!);
    await givenPersona(backend, upToDate.student.id);

    for (const student of [withoutMemories, upToDate.student]) {
      const queued = await task(backend, '/api/tasks/trigger-user-persona-generation', { user_id: student.id });

      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({
        message: `Task to generate user personas has been queued for 1 users from user ID ${student.id} (out of 1 total eligible).`,
        selected: 1,
        eligible: 1,
        user_id: student.id,
      });
      expect((await job(queued.body.job_ids[0])).body).toMatchObject({ type: 'user-persona', user_id: student.id });
    }
  });

  it('answers 404 for an unknown user_id, on both forms', async () => {
    const unknown = await task(backend, '/api/tasks/trigger-user-persona-generation', { user_id: 999999 });
    const unknownSync = await task(backend, '/api/tasks/trigger-user-persona-generation-sync', { user_id: 999999 });

    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('User 999999 not found.');
    expect(unknownSync.status).toBe(404);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['a string', '7'],
    ['a list', [7]],
  ])('refuses user_id given as %s with 422, on both forms: JSON types are strict', async (_how, userId) => {
    for (const path of ['trigger-user-persona-generation', 'trigger-user-persona-generation-sync']) {
      const refused = await task(backend, `/api/tasks/${path}`, { user_id: userId });

      expect(refused.status).toBe(422);
      expect(refused.body.detail).toBe('body.user_id: must be an integer id');
    }
  });
});

describe('generate-memory-for-conversation', () => {
  it('queues one conversation, skips an empty one, and answers 404 for an unknown one', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(backend, 1);
    const empty = await givenConversation(backend, student, 'Empty');

    const queued = await task(backend, `/api/tasks/generate-memory-for-conversation/${conversationIds[0]}`);
    const skipped = await task(backend, `/api/tasks/generate-memory-for-conversation/${empty}`);
    const unknown = await task(backend, '/api/tasks/generate-memory-for-conversation/999999');

    expect(queued.status).toBe(202);
    expect(queued.body.message).toBe(`Queued memory generation for conversation ${conversationIds[0]}.`);
    expect(skipped.body).toEqual({
      message: `Conversation ${empty} has no messages, so memory generation was skipped.`,
      conversation_id: empty,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('Conversation 999999 not found.');
  });
});

describe('who may use the task routes', () => {
  it('needs the admin token', async () => {
    const student = await givenStudent(backend);
    const paths = [
      '/api/tasks/trigger-memory-generation',
      `/api/tasks/generate-persona-for-user/${student.id}`,
      `/api/tasks/generate-memories-for-user/${student.id}`,
    ];
    for (const path of paths) {
      expect((await backend.request('POST', path)).status).toBe(401);
      expect((await backend.request('POST', path, { token: student.token })).status).toBe(403);
      expect((await backend.request('POST', path, { token: backend.internalToken })).status).toBe(403);
    }
    expect((await backend.request('GET', '/api/tasks/jobs/1', { token: student.token })).status).toBe(403);
  });

  it('answers 404 for an unknown job', async () => {
    const missing = await job(999999);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Job 999999 not found.');
  });
});
