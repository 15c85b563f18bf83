import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenMemory, givenPersona, givenStudentWithConversations, task } from '../../backend/test/generation.ts';
import { givenMessage } from '../../backend/test/harness.ts';
import { type PromptLlm, startPromptLlm } from './prompt-llm.ts';
import { startSystem, type TestSystem } from './system.ts';

// Memories and personas come from a loopback model that answers by the prompt: a transcript with
// BREAK-MEMORY gets a memory that does not fit the schema; memories that mention BREAK-PERSONA get a
// persona that does not fit. Each answer takes a little while, so concurrency shows.
const MEMORY_CONCURRENCY = 3;

function answer(prompt: string): string {
  if (prompt.includes('CONVERSATION_MEMORIES') || prompt.includes('portrait of a school student')) {
    if (prompt.includes('BREAK-PERSONA')) return JSON.stringify({ persona: 42 });
    return JSON.stringify({ persona: 'A curious learner.', inferred_interests: ['volcanoes'] });
  }
  if (prompt.includes('BREAK-MEMORY')) return JSON.stringify({ main_topics: 'not a list' });
  const topic = prompt.includes('BREAK-PERSONA') ? 'BREAK-PERSONA' : 'volcanoes';
  return JSON.stringify({ main_topics: [topic], action: ['asked'], typical_observation: 'Curious.' });
}

let llm: PromptLlm;
let system: TestSystem;
beforeAll(async () => {
  llm = await startPromptLlm(answer, { delayMs: 150 });
  system = await startSystem({
    env: { LLM_CONFIG: llm.configFor('memory_generation', 'user_persona_generation') },
    brain: { memoryConcurrency: MEMORY_CONCURRENCY },
  });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
});

const personaFor = (userId: number) => task(system.backend, `/api/tasks/generate-persona-for-user/${userId}?sync=true`);
const readMemory = (conversationId: number) =>
  system.backend.request('GET', `/api/internal/conversations/${conversationId}/memory`, {
    token: system.backend.internalToken,
  });

describe('when generation fails', () => {
  it('still writes the persona when a memory fails, reports the failure, and keeps the old memory', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 2, {
      messages: ['Why do volcanoes erupt?', 'BREAK-MEMORY: why is lava hot?'],
    });
    const [good, broken] = conversationIds as [number, number];
    const old = await givenMemory(system.backend, broken, { main_topics: ['the old memory'] });
    await givenMessage(system.backend, student, broken, 'And what about magma?'); // stale now

    const done = await personaFor(student.id);
    const kept = await readMemory(broken);
    // memory prompts only: the persona's prompt quotes the student's words too
    const brokenPrompts = llm.prompts.filter(
      (prompt) => prompt.includes('BREAK-MEMORY') && !prompt.includes('portrait of a school student'),
    );

    expect(done.status).toBe(200);
    expect(done.body.message).toBe(
      `Completed persona generation for user ${student.id} (refreshed 1 conversations first). 1 conversation memories could not be refreshed; see failed_memories.`,
    );
    expect(done.body.counts).toMatchObject({ selected: 2, refreshed: 1, failed: 1 });
    expect(done.body.failed_memories).toEqual([
      { conversation_id: broken, error: expect.stringContaining('unusable') },
    ]);
    expect(done.body.persona.persona_data).toEqual({
      persona: 'A curious learner.',
      inferred_interests: ['volcanoes'],
    });
    expect(kept.body.memory_data).toEqual(old.memory_data);
    expect((await readMemory(good)).body.memory_data.main_topics).toEqual(['volcanoes']);
    // asked twice: the second time told what was wrong
    expect(brokenPrompts).toHaveLength(2);
    expect(brokenPrompts[1]).toContain('could not be used');
  });

  it('answers 502 for a single conversation whose memory cannot be generated', async () => {
    const { conversationIds } = await givenStudentWithConversations(system.backend, 1, {
      messages: ['BREAK-MEMORY: tell me about stars'],
    });

    const failed = await task(
      system.backend,
      `/api/tasks/generate-memory-for-conversation/${conversationIds[0]}?sync=true`,
    );

    expect(failed.status).toBe(502);
    expect(failed.body.detail).toContain(`Memory generation for conversation ${conversationIds[0]} failed`);
    expect((await readMemory(conversationIds[0]!)).status).toBe(404);
  });

  it('fails the job when the persona cannot be generated, keeping the stored persona', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1, {
      messages: ['BREAK-PERSONA: how do rockets fly?'],
    });
    await givenPersona(system.backend, student.id, { persona: 'The persona before.' });

    const failed = await personaFor(student.id);
    const jobId = Number(/\(job (\d+)\)/.exec(failed.body.detail)?.[1]);
    const job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, { token: system.backend.adminToken });
    const persona = await system.backend.request('GET', `/api/internal/users/${student.id}/persona`, {
      token: system.backend.internalToken,
    });

    expect(failed.status).toBe(502);
    expect(failed.body.detail).toMatch(new RegExp(`^Persona generation for user ${student.id} failed: .*unusable`));
    // the output can never fit: failed for good at once, with what was done before
    expect(job.body).toMatchObject({ state: 'failed', attempts: 1 });
    expect(job.body.result.memories.counts.saved).toBe(1);
    expect(job.body.result.persona.status).toBe('failed');
    expect(persona.body.persona_data.persona).toBe('The persona before.');
  });

  it(`writes a batch of memories ${MEMORY_CONCURRENCY} at a time, not one after another`, async () => {
    const { student } = await givenStudentWithConversations(system.backend, 6);

    const done = await task(system.backend, `/api/tasks/generate-memories-for-user/${student.id}?sync=true`);

    expect(done.body.counts).toMatchObject({ saved: 6, failed: 0 });
    expect(llm.maxInFlight()).toBe(MEMORY_CONCURRENCY);
  });
});
