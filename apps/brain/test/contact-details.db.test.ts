import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task } from '../../backend/test/generation.ts';
import type { TestBackend } from '../../backend/test/harness.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from './openai-test-server.ts';
import { startSystem, type TestSystem } from './system.ts';

// Contact details a student typed never reach memory_data or persona_data (docs/SAFETY.md): memory and
// persona generation see them redacted, and redact what the model answers.

const MESSAGES = [
  'my number is 98765 43210, email asha@example.com. Why do volcanoes erupt?',
  'How does lava cool? You can also reach me at +91 91234-56789 or insta @asha_draws',
];
const DETAILS = ['98765', '43210', 'asha@example.com', '91234', '56789', 'asha_draws'];

const internal = (backend: TestBackend, path: string) =>
  backend.request('GET', path, { token: backend.internalToken }).then((r) => r.body);

/** Everything generation stored for the student: memories, the persona, every revision with its evidence. */
async function storedFor(backend: TestBackend, userId: number): Promise<string> {
  const memories = await internal(backend, `/api/internal/users/${userId}/memories`);
  const persona = await internal(backend, `/api/internal/users/${userId}/persona`);
  const revisions = await backend.request('GET', `/api/users/${userId}/persona/revisions`, {
    token: backend.adminToken,
  });
  return JSON.stringify({ memories, persona, revisions: revisions.body });
}

async function generateEverything(backend: TestBackend, userId: number) {
  const done = await task(
    backend,
    `/api/tasks/generate-persona-for-user/${userId}?sync=true&generate_conversation_memories_if_not_found=true`,
  );
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ state: 'completed', counts: { refreshed: 2, failed: 0 } });
  return done;
}

describe('contact details after a full generation, offline model', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.close());

  it('keeps them out of memories, the persona and its revisions', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2, { name: 'Redact', messages: MESSAGES });
    const done = await generateEverything(system.backend, student.id);
    expect(done.body.persona.persona_data.persona).toEqual(expect.any(String));

    const stored = await storedFor(system.backend, student.id);
    for (const detail of DETAILS) expect(stored).not.toContain(detail);
  });
});

describe('contact details after a full generation, on a provider', () => {
  // one answer that fits both the memory and the persona schema, holding a number the model made up
  const answer = JSON.stringify({
    main_topics: ['volcanoes'],
    action: ['asked why volcanoes erupt; call 99887 76655'],
    typical_observation: 'Curious.',
    persona: 'A curious learner who likes volcanoes (reach them at 99887 76655).',
    inferred_interests: ['volcanoes'],
    evidence: [],
  });
  let llm: OpenAiTestServer;
  let system: TestSystem;
  let configDir: string;
  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    configDir = mkdtempSync(join(tmpdir(), 'coach-redact-'));
    const configPath = join(configDir, 'llm.json');
    writeFileSync(configPath, JSON.stringify({ defaults: { model: 'test-model', timeout_ms: 5_000, max_retries: 0 } }));
    system = await startSystem({ env: { LLM_BASE_URL: llm.baseUrl, LLM_CONFIG: configPath } });
  });
  afterAll(async () => {
    await system?.close();
    await llm?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('never sends them to the model, and redacts one the model answers with', async () => {
    llm.script({ content: answer });
    const { student } = await givenStudentWithConversations(system.backend, 2, {
      name: 'RedactLLM',
      messages: MESSAGES,
    });
    await generateEverything(system.backend, student.id);

    const sent = JSON.stringify(llm.requests.map((r) => r.body));
    expect(llm.requests.length).toBe(3);
    expect(sent).toContain('[phone number removed]');
    for (const detail of DETAILS) expect(sent).not.toContain(detail);
    const stored = await storedFor(system.backend, student.id);
    expect(stored).not.toContain('99887');
    expect(stored).toContain('[phone number removed]');
  });
});
