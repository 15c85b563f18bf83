import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task } from '../../../apps/backend/test/generation.ts';
import type { TestBackend } from '../../../apps/backend/test/harness.ts';
import { type PromptLlm, startPromptLlm } from '../../../apps/brain/test/prompt-llm.ts';
import { startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';

// Issue 14's reliability case: the persona model (an OpenAI-speaking server on loopback) answers with
// evidence that points at another student's memory, and with a quote found in no memory or message.
// The revision stores none of it and lists the keys it claimed to support as unsupported. A claim that
// does not even fit the schema costs that claim, not the persona.
const SHARK_QUESTION = 'Why do sharks never stop swimming?';
const INVENTED_QUOTE = 'I want to be a marine biologist when I grow up';

let claims: unknown[] = [];
let llm: PromptLlm;
let system: TestSystem;
beforeAll(async () => {
  llm = await startPromptLlm(() =>
    JSON.stringify({
      persona: 'Dreams of studying sharks.',
      inferred_interests: ['sharks', 'the ocean'],
      evidence: claims,
    }),
  );
  system = await startSystem({ env: { LLM_CONFIG: llm.configFor('user_persona_generation') } });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
});

async function memoryIdsOf(backend: TestBackend, userId: number): Promise<number[]> {
  await task(backend, `/api/tasks/generate-memories-for-user/${userId}?sync=true`);
  const memories = await backend.request('GET', `/api/internal/users/${userId}/memories`, {
    token: backend.internalToken,
  });
  return (memories.body as Array<{ id: number }>).map((memory) => memory.id);
}

describe("a persona model that cites another student's memory or invents a quote", () => {
  it('stores none of that evidence and lists the keys it claimed as unsupported', async () => {
    const asha = await givenStudentWithConversations(system.backend, 1, {
      name: 'Asha',
      messages: ['How do volcanoes make new islands?'],
    });
    const kabir = await givenStudentWithConversations(system.backend, 1, { name: 'Kabir', messages: [SHARK_QUESTION] });
    const [ashaMemory] = await memoryIdsOf(system.backend, asha.student.id);
    const [kabirMemory] = await memoryIdsOf(system.backend, kabir.student.id);
    claims = [
      // Kabir's own words, from Kabir's memory: true, but not about Asha
      { key: 'inferred_interests', memory_id: kabirMemory!, quote: SHARK_QUESTION },
      // Asha's memory, but words that are in none of her memories or messages
      { key: 'persona', memory_id: ashaMemory!, quote: INVENTED_QUOTE },
      { key: 'inferred_interests', memory_id: ashaMemory!, quote: SHARK_QUESTION },
    ];
    const sentBefore = llm.prompts.length;

    const done = await task(system.backend, `/api/tasks/generate-persona-for-user/${asha.student.id}?sync=true`);
    const history = await system.backend.request('GET', `/api/users/${asha.student.id}/persona/revisions`, {
      token: system.backend.adminToken,
    });
    const revision = history.body[0];
    const [prompt] = llm.prompts.slice(sentBefore);

    expect(done.status).toBe(200);
    expect(revision).toMatchObject({
      number: 1,
      user_id: asha.student.id,
      source: 'generator',
      persona_data: { persona: 'Dreams of studying sharks.', inferred_interests: ['sharks', 'the ocean'] },
      evidence: {},
    });
    expect([...revision.unsupported_keys].sort()).toEqual(['inferred_interests', 'persona']);
    expect(JSON.stringify(revision)).not.toContain(INVENTED_QUOTE);
    expect(JSON.stringify(revision.evidence)).not.toContain(SHARK_QUESTION);
    // the model was shown Asha's memory to cite, and nothing of Kabir's
    expect(prompt).toContain(`"memory_id":${ashaMemory}`);
    expect(prompt).not.toContain(`"memory_id":${kabirMemory}`);
    expect(prompt).not.toContain(SHARK_QUESTION);
  });

  it('drops a claim that does not fit the schema and keeps the persona and the claims that do', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1, {
      name: 'Chitra',
      messages: ['Why do sharks have so many teeth?'],
    });
    const [memory] = await memoryIdsOf(system.backend, student.id);
    claims = [
      { key: 'persona', memory_id: String(memory), quote: 'sharks have so many teeth' },
      { key: 'inferred_interests', memory_id: memory, quote: 'Why do sharks have so many teeth?' },
    ];

    const done = await task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}?sync=true`);
    const history = await system.backend.request('GET', `/api/users/${student.id}/persona/revisions`, {
      token: system.backend.adminToken,
    });

    expect(done.status).toBe(200);
    expect(history.body[0]).toMatchObject({
      persona_data: { persona: 'Dreams of studying sharks.' },
      evidence: {
        inferred_interests: [{ memory_id: memory, quote: 'Why do sharks have so many teeth?' }],
      },
      unsupported_keys: ['persona'],
    });
  });
});
