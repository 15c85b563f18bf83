import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task, waitForJob } from '../../backend/test/generation.ts';
import { startSystem, type TestSystem } from './system.ts';

// A generated persona is written as a revision (offline model): its evidence is checked by the Backend,
// and the job result and the Brain's own POST /tasks name the revision.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const VOLCANO_QUESTIONS = ['Why do volcanoes erupt so loudly?', 'How hot is lava inside a volcano?'];

async function revision(revisionId: number) {
  const response = await system.backend.request('GET', `/api/persona-revisions/${revisionId}`, {
    token: system.backend.adminToken,
  });
  expect(response.status).toBe(200);
  return response.body;
}

async function jobResult(jobId: number) {
  const response = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, {
    token: system.backend.adminToken,
  });
  return response.body.result;
}

describe('a generated persona is a revision with evidence', () => {
  it("keeps the offline model's evidence: every key it derived is supported, an interest in the student's own words", async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 2, {
      name: 'Asha',
      messages: VOLCANO_QUESTIONS,
    });

    const done = await task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}?sync=true`);
    const { persona: outcome } = await jobResult(done.body.job_id);
    const stored = await revision(outcome.revision.id);

    expect(done.status).toBe(200);
    expect(outcome).toEqual({
      status: 'saved',
      updated_at: done.body.persona.updated_at,
      revision: { id: expect.any(Number), number: 1, status: 'approved' },
    });
    expect(stored).toMatchObject({
      user_id: student.id,
      number: 1,
      status: 'approved',
      source: 'generator',
      job_id: done.body.job_id,
      unsupported_keys: [],
      persona_data: done.body.persona.persona_data,
    });
    expect(stored.persona_data).not.toHaveProperty('evidence');
    expect(Object.keys(stored.evidence).sort()).toEqual(
      ['inferred_interests', 'learning_patterns', 'persona', 'personality_traits'].sort(),
    );
    expect(stored.evidence.inferred_interests).toContainEqual({
      memory_id: expect.any(Number),
      conversation_id: conversationIds[0],
      quote: 'Why do volcanoes erupt so loudly?',
    });
  });

  it('names the revision in a queued job’s result, and the job on the revision', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2, { name: 'Chitra' });

    const queued = await task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}`);
    const job = await waitForJob(system.backend, queued.body.job_id);
    const stored = await revision(job.result.persona.revision.id);

    expect(job.result.persona.revision).toEqual({ id: stored.id, number: 1, status: 'approved' });
    expect(stored.job_id).toBe(queued.body.job_id);
  });

  it("answers the Brain's POST /tasks?wait=true with the revision, which names no job", async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1, { name: 'Dev' });
    await task(system.backend, `/api/tasks/generate-memories-for-user/${student.id}?sync=true`);

    const answer = await system.brainRequest('POST', '/tasks?wait=true', {
      token: system.backend.internalToken,
      body: { task_type: 'USER_PERSONA_GENERATION', user_id: student.id },
    });
    const stored = await revision(answer.body.results[0].revision.id);

    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      {
        user_id: student.id,
        status: 'saved',
        updated_at: expect.any(String),
        revision: { id: stored.id, number: 1, status: 'approved' },
      },
    ]);
    expect(stored).toMatchObject({ source: 'generator', job_id: null, unsupported_keys: [] });
  });
  it('answers a sync generation with the revision it wrote, and with review on the persona stays the approved one', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1, { name: 'Esha' });
    const admin = { token: system.backend.adminToken };
    const generate = () => task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}?sync=true`);

    const first = await generate();
    await system.backend.request('PATCH', '/api/admin/settings', { ...admin, body: { persona_review: 'all' } });
    const second = await generate().finally(() =>
      system.backend.request('PATCH', '/api/admin/settings', { ...admin, body: { persona_review: 'off' } }),
    );

    expect(first.body.revision).toEqual({ id: expect.any(Number), number: 1, status: 'approved' });
    expect(second.body.revision).toEqual({ id: expect.any(Number), number: 2, status: 'pending' });
    expect(second.body.persona).toEqual(first.body.persona);
  });
});
