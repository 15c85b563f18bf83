import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent } from '../../backend/test/harness.ts';
import { BUILTIN_PROMPTS } from '../src/prompts/builtin.ts';
import { givenPromptVersion } from './given.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

const admin = () => ({ token: system.backend.adminToken });

describe("the Brain's prompts", () => {
  it('stores every built-in prompt as version 1, active and production, on start', async () => {
    const listed = await system.backend.request('GET', '/api/prompts', admin());

    expect(listed.status).toBe(200);
    const byName = new Map(listed.body.map((prompt: any) => [prompt.name, prompt]));
    for (const [name, builtin] of Object.entries(BUILTIN_PROMPTS)) {
      expect(byName.get(name)).toMatchObject({ active_version_number: 1, active_version_text: builtin.text });
      const production = await system.backend.request('GET', `/api/prompts/${name}/versions/production`, admin());
      expect(production.body).toMatchObject({ version_number: 1, is_active: true, is_production: true });
    }
  });

  it('answers chat from the production version and test-prompt from the active one', async () => {
    const production = await system.backend.request(
      'GET',
      '/api/prompts/simplified_conversation/versions/production',
      admin(),
    );
    const draft = await givenPromptVersion(
      system,
      'simplified_conversation',
      'DRAFT UNDER TEST. The student said: {{QUERY}}',
      { active: true, production: false },
    );
    const student = await givenStudent(system.backend);
    const conversationId = await givenConversation(system.backend, student);

    const chat = await askCoach(system, student, conversationId, 'Why is the sea salty?', 'chat');
    const trial = await askCoach(system, student, conversationId, 'Why is the sea salty?', 'test-prompt');

    const [chatStep] = await pipelineSteps(system, student.token, chat.reply.body.id);
    const [trialStep] = await pipelineSteps(system, student.token, trial.reply.body.id);
    expect(chatStep!.prompt).toMatch(/^You are Curiosity Coach/);
    expect(chatStep!.prompt_version_id).toBe(production.body.id);
    expect(trialStep!.prompt).toBe('DRAFT UNDER TEST. The student said: Why is the sea salty?');
    expect(trialStep!.prompt_version_id).toBe(draft.id);
  });
});
