import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent, type Student } from '../../backend/test/harness.ts';
import { startSystem, type TestSystem } from './system.ts';

// Budgets, resume and dry runs of memory and persona generation (docs/api/tasks-and-jobs.md), on the
// offline model: one call per memory and per persona, its tokens estimated as characters / 4.

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());
const admin = () => ({ token: system.backend.adminToken });
const post = (path: string) => system.backend.request('POST', path, admin());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A student with `n` conversations, each holding a question (no reply: no model call on the way). */
async function givenStudentWithConversations(name: string, n: number) {
  const student = await givenStudent(system.backend, name);
  const conversationIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = await givenConversation(system.backend, student);
    await givenMessage(system.backend, student, conversationId, `Question ${i}: why do volcanoes erupt under the sea?`);
    await givenMessage(system.backend, student, conversationId, 'And how hot is the lava when it meets the water?');
    conversationIds.push(conversationId);
  }
  return { student, conversationIds };
}

async function waitForJob(jobId: number, states = ['completed', 'failed', 'stopped']) {
  let job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
  for (const deadline = Date.now() + 20_000; !states.includes(job.body.state) && Date.now() < deadline; ) {
    await sleep(50);
    job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
  }
  return job.body;
}

async function memoryRows(student: Student) {
  const result = await system.backend.database.pool.query(
    `select m.conversation_id, m.created_at, m.updated_at from conversation_memories m
       join conversations c on c.id = m.conversation_id where c.user_id = $1 order by m.conversation_id`,
    [student.id],
  );
  return result.rows as { conversation_id: number; created_at: Date; updated_at: Date }[];
}

async function memoryCallsOfJob(jobId: number) {
  await system.brain.flushUsage();
  const result = await system.backend.database.pool.query(
    `select conversation_id from model_calls where job_id = $1 and call_type = 'memory_generation' order by id`,
    [jobId],
  );
  return result.rows.map((row) => row.conversation_id as number);
}

describe('a budgeted memory refresh', () => {
  it('stops at max_llm_calls=2 over 5 conversations: 2 memories kept, 3 conversations remaining', async () => {
    const { student, conversationIds } = await givenStudentWithConversations('Budget', 5);

    const answer = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_llm_calls=2`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'stopped', stop_reason: 'budget', usage: { calls: 2 } });
    expect(answer.body.message).toContain('resume with POST /api/tasks/jobs/');
    expect(answer.body.counts).toMatchObject({ selected: 5, saved: 2, failed: 0 });
    expect(answer.body.remaining.conversation_ids).toHaveLength(3);
    expect(await memoryRows(student)).toHaveLength(2);
    const job = await waitForJob(answer.body.job_id);
    expect(job).toMatchObject({ state: 'stopped', stop_reason: 'budget' });
    expect(
      new Set([
        ...job.result.remaining.conversation_ids,
        ...job.result.memories.items.map((i: any) => i.conversation_id),
      ]),
    ).toEqual(new Set(conversationIds));
  });

  it('resumes with exactly what remains, as the same job, to completion: nothing generated twice', async () => {
    const { student, conversationIds } = await givenStudentWithConversations('Resume', 5);
    const stopped = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_llm_calls=2`);
    const jobId: number = stopped.body.job_id;
    const firstTwo = await memoryRows(student);

    const resumed = await post(`/api/tasks/jobs/${jobId}/resume`);

    expect(resumed.status).toBe(202);
    expect(resumed.body).toEqual({ job_id: jobId });
    const job = await waitForJob(jobId);
    expect(job.state).toBe('completed');
    expect(job.result.memories.counts).toMatchObject({ selected: 5, saved: 5, failed: 0 });
    expect(job.result.remaining).toBeUndefined();
    const rows = await memoryRows(student);
    expect(rows.map((row) => row.conversation_id)).toEqual([...conversationIds].sort((a, b) => a - b));
    // the two memories of the first run were not written again
    for (const before of firstTwo) {
      const after = rows.find((row) => row.conversation_id === before.conversation_id);
      expect(after?.updated_at).toEqual(before.updated_at);
    }
    const calls = await memoryCallsOfJob(jobId);
    expect(calls).toHaveLength(5);
    expect(new Set(calls).size).toBe(5);
    // the ledger, flushed above, counts both runs under the one job
    expect((await waitForJob(jobId)).usage.calls).toBe(5);
  });

  it('resumes with a new budget, which may stop it again', async () => {
    const { student } = await givenStudentWithConversations('ResumeTwice', 5);
    const stopped = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_llm_calls=1`);
    const jobId: number = stopped.body.job_id;

    expect((await post(`/api/tasks/jobs/${jobId}/resume?max_llm_calls=2`)).status).toBe(202);
    const again = await waitForJob(jobId);
    expect(again.state).toBe('stopped');
    expect(again.result.remaining.conversation_ids).toHaveLength(2);
    expect(again.result.memories.counts.saved).toBe(3);
    expect(again.attempts).toBe(2);

    expect((await post(`/api/tasks/jobs/${jobId}/resume`)).status).toBe(202);
    const done = await waitForJob(jobId);
    expect(done.state).toBe('completed');
    expect(done.result.memories.counts.saved).toBe(5);
    expect(await memoryCallsOfJob(jobId)).toHaveLength(5);
  });

  it('stops at max_tokens once the calls it made have used them', async () => {
    const { student } = await givenStudentWithConversations('Tokens', 4);

    const answer = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_tokens=1&clamp=4`);

    expect(answer.body.state).toBe('stopped');
    // the first calls were admitted with nothing spent yet; the rest were not started
    expect(answer.body.counts.saved).toBeGreaterThanOrEqual(1);
    expect(answer.body.remaining.conversation_ids.length).toBeGreaterThanOrEqual(1);
    expect(answer.body.usage.input_tokens + answer.body.usage.output_tokens).toBeGreaterThan(1);
  });
});

describe('resume', () => {
  it('is 409 for a job that is not stopped, and 404 for an unknown one', async () => {
    const { student } = await givenStudentWithConversations('NotStopped', 1);
    const done = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true`);
    expect(done.body.state).toBe('completed');

    const resumed = await post(`/api/tasks/jobs/${done.body.job_id}/resume`);
    expect(resumed.status).toBe(409);
    expect(resumed.body.detail).toContain('only a stopped job can be resumed');
    expect((await post('/api/tasks/jobs/999999/resume')).status).toBe(404);
  });

  it('runs once when two resumes of one job race: one 202, one 409', async () => {
    const { student } = await givenStudentWithConversations('Race', 3);
    const stopped = await post(`/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_llm_calls=1`);
    const jobId: number = stopped.body.job_id;

    const answers = await Promise.all([
      post(`/api/tasks/jobs/${jobId}/resume`),
      post(`/api/tasks/jobs/${jobId}/resume`),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const job = await waitForJob(jobId);
    expect(job.state).toBe('completed');
    expect(await memoryCallsOfJob(jobId)).toHaveLength(3);
  });

  it('is for operators: no token 401, a student 403', async () => {
    const student = await givenStudent(system.backend, 'Nosy');
    expect((await system.backend.request('POST', '/api/tasks/jobs/1/resume', { token: null })).status).toBe(401);
    expect((await system.backend.request('POST', '/api/tasks/jobs/1/resume', { token: student.token })).status).toBe(
      403,
    );
  });
});

describe('a budgeted persona-for-user job', () => {
  it('stopped during its memories writes no persona; resumed, it writes the memories and then the persona', async () => {
    const { student } = await givenStudentWithConversations('PersonaBudget', 3);

    const stopped = await post(`/api/tasks/generate-persona-for-user/${student.id}?sync=true&max_llm_calls=2`);

    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'stopped', stop_reason: 'budget', persona: null, revision: null });
    expect(stopped.body.remaining).toMatchObject({ persona: true });
    expect(stopped.body.remaining.conversation_ids).toHaveLength(1);
    expect(stopped.body.message).toContain('Stopped at its budget before the persona');

    const jobId: number = stopped.body.job_id;
    expect((await post(`/api/tasks/jobs/${jobId}/resume`)).status).toBe(202);
    const job = await waitForJob(jobId);
    expect(job.state).toBe('completed');
    expect(job.result.memories.counts.saved).toBe(3);
    expect(job.result.persona.status).toBe('saved');
    const persona = await system.backend.request('GET', `/api/internal/users/${student.id}/persona`, {
      token: system.backend.internalToken,
    });
    expect(persona.status).toBe(200);
  });

  it('stops before the persona when the memories used the whole budget', async () => {
    const { student } = await givenStudentWithConversations('ExactBudget', 2);

    const stopped = await post(`/api/tasks/generate-persona-for-user/${student.id}?sync=true&max_llm_calls=2`);

    expect(stopped.body.state).toBe('stopped');
    expect(stopped.body.remaining).toEqual({ conversation_ids: [], persona: true });
    expect(stopped.body.counts.refreshed).toBe(2);
  });
});

describe('dry runs', () => {
  it('estimate a persona-for-user run within 25 % of what the offline model then uses, and queue nothing', async () => {
    const { student } = await givenStudentWithConversations('DryRun', 4);
    const jobsBefore = await system.backend.database.pool.query('select count(*)::int as n from generation_jobs');

    const dry = await post(`/api/tasks/generate-persona-for-user/${student.id}?dry_run=true`);

    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, selected: 4, estimated_calls: 5 });
    const jobsAfter = await system.backend.database.pool.query('select count(*)::int as n from generation_jobs');
    expect(jobsAfter.rows[0].n).toBe(jobsBefore.rows[0].n);
    expect(await memoryRows(student)).toHaveLength(0);

    const run = await post(`/api/tasks/generate-persona-for-user/${student.id}?sync=true`);
    expect(run.body.state).toBe('completed');
    expect(run.body.usage.calls).toBe(dry.body.estimated_calls);
    const within = (estimate: number, actual: number) => Math.abs(estimate - actual) / actual;
    expect(within(dry.body.estimated_input_tokens, run.body.usage.input_tokens)).toBeLessThan(0.25);
    expect(within(dry.body.estimated_output_tokens, run.body.usage.output_tokens)).toBeLessThan(0.25);
  });

  it('answers on every generating route, sync or not', async () => {
    const { student, conversationIds } = await givenStudentWithConversations('DryRoutes', 2);
    const routes = [
      `/api/tasks/generate-memories-for-user/${student.id}?dry_run=true`,
      `/api/tasks/generate-memory-for-conversation/${conversationIds[0]}?dry_run=true&sync=true`,
      '/api/tasks/trigger-memory-generation?dry_run=true',
      '/api/tasks/trigger-memory-generation-sync?dry_run=true',
      '/api/tasks/trigger-user-persona-generation?dry_run=true',
      '/api/tasks/trigger-user-persona-generation-sync?dry_run=true',
    ];
    for (const route of routes) {
      const answer = await post(route);
      expect(answer.status, route).toBe(200);
      expect(Object.keys(answer.body).sort(), route).toEqual([
        'dry_run',
        'estimated_calls',
        'estimated_input_tokens',
        'estimated_output_tokens',
        'selected',
      ]);
    }
    const one = await post(`/api/tasks/generate-memory-for-conversation/${conversationIds[0]}?dry_run=true`);
    expect(one.body).toMatchObject({ selected: 1, estimated_calls: 1 });
  });
});

describe('bad budgets', () => {
  it.each([
    ['max_llm_calls=0'],
    ['max_llm_calls=-1'],
    ['max_llm_calls=1.5'],
    ['max_llm_calls=1000001'],
    ['max_tokens=0'],
    ['max_tokens=lots'],
    ['max_tokens=1000000001'],
  ])('%s is 422', async (query) => {
    const student = await givenStudent(system.backend, 'BadBudget');
    const answer = await post(`/api/tasks/generate-memories-for-user/${student.id}?${query}`);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toMatch(/must be a whole number from 1 to/);
  });

  it('is 422 on every generating route', async () => {
    const student = await givenStudent(system.backend, 'BadBudgetRoutes');
    const conversationId = await givenConversation(system.backend, student);
    for (const route of [
      '/api/tasks/trigger-memory-generation',
      '/api/tasks/trigger-memory-generation-sync',
      '/api/tasks/trigger-user-persona-generation',
      '/api/tasks/trigger-user-persona-generation-sync',
      `/api/tasks/generate-memory-for-conversation/${conversationId}`,
      `/api/tasks/generate-memories-for-user/${student.id}`,
      `/api/tasks/generate-persona-for-user/${student.id}`,
    ]) {
      expect((await post(`${route}?max_llm_calls=0`)).status, route).toBe(422);
      expect((await post(`${route}?max_tokens=2.5`)).status, route).toBe(422);
    }
  });

  it('is 422 on resume too', async () => {
    expect((await post('/api/tasks/jobs/1/resume?max_llm_calls=0')).status).toBe(422);
  });
});
