import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task } from '../../backend/test/generation.ts';
import type { Student } from '../../backend/test/harness.ts';
import { givenClarificationAsked, givenFlowConfig, givenPersona, givenPromptVersion } from './given.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

// With persona_review "all" every generated persona waits as a pending revision. Until an operator
// approves it, no prompt a turn sends renders it — on the simplified path, the full pipeline and a
// follow-up — while the approved persona goes on being rendered. A rejected one never is.
const APPROVED = { persona: 'Knits scarves for the whole class and counts every stitch.' };
const APPROVED_WORDS = 'Knits scarves for the whole class';
// what the offline model writes about a student who asks about volcanoes
const GENERATED_WORDS = 'keeps coming back to volcanoes';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
  const review = await system.backend.request('PATCH', '/api/admin/settings', {
    token: system.backend.adminToken,
    body: { persona_review: 'all' },
  });
  expect(review.status).toBe(200);
  await givenPromptVersion(
    system,
    'simplified_conversation',
    'About the student: {{USER_PERSONA__persona}}\n{{QUERY}}',
  );
  await givenPromptVersion(
    system,
    'response_generation',
    'About the student: {{USER_PERSONA__persona}}\nQuestion: {{QUERY}}\nFacts: {{KNOWLEDGE}}',
  );
  await givenPromptVersion(
    system,
    'follow_up_response',
    'Earlier: {{ORIGINAL_QUERY}}\nYou asked: {{FOLLOW_UP_QUESTIONS}}\nAbout the student: {{USER_PERSONA__persona}}\nThey answered: {{QUERY}}',
  );
});
afterAll(() => system?.close());

interface Waiting {
  student: Student;
  conversationId: number;
  revisionId: number;
}

/** A student with an approved persona and a generated revision waiting for review. */
async function givenRevisionWaitingForReview(name: string): Promise<Waiting> {
  const { student, conversationIds } = await givenStudentWithConversations(system.backend, 2, {
    name,
    messages: ['Why do volcanoes erupt?', 'What makes volcanoes so hot inside?'],
  });
  await givenPersona(system, student, APPROVED);
  await task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}?sync=true`);
  const history = await system.backend.request('GET', `/api/users/${student.id}/persona/revisions`, {
    token: system.backend.adminToken,
  });
  const revision = history.body[0];
  expect(revision).toMatchObject({ number: 2, status: 'pending', source: 'generator' });
  return { student, conversationId: conversationIds[0]!, revisionId: revision.id };
}

async function decide(revisionId: number, decision: 'approve' | 'reject', body: object = {}) {
  const response = await system.backend.request('POST', `/api/persona-revisions/${revisionId}/${decision}`, {
    token: system.backend.adminToken,
    body,
  });
  expect(response.status).toBe(200);
}

async function stepsOfReply(student: Student, conversationId: number, content: string) {
  const { reply } = await askCoach(system, student, conversationId, content);
  expect(reply.status).toBe(200);
  return pipelineSteps(system, student.token, reply.body.id);
}

/** Every prompt a turn sent, by the path it took: simplified, the full pipeline, a follow-up. */
async function promptsOnEveryPath({ student, conversationId }: Waiting): Promise<Record<string, string>> {
  await givenFlowConfig(system, { use_simplified_mode: true });
  const simplified = await stepsOfReply(student, conversationId, 'Why is the sky blue in the daytime?');

  await givenFlowConfig(system, { use_simplified_mode: false });
  const full = await stepsOfReply(student, conversationId, 'Why do volcanoes erupt with so much force?');

  await givenFlowConfig(system, { use_simplified_mode: true });
  await givenClarificationAsked(system, student, conversationId, {
    question: 'Tell me about rocks',
    followUpQuestions: ['Which rocks do you mean: the ones in volcanoes or in rivers?'],
  });
  const followUp = await stepsOfReply(student, conversationId, 'The ones that come out of volcanoes');

  expect(simplified.map((step) => step.name)).toEqual(['simplified_conversation']);
  expect(full.map((step) => step.name)).toContain('initial_response_generation');
  expect(followUp.map((step) => step.name)).toEqual(['follow_up_response']);
  const joined = (steps: typeof full) => steps.map((step) => step.prompt ?? '').join('\n');
  return { simplified: joined(simplified), full: joined(full), followUp: joined(followUp) };
}

describe('a persona waiting for review reaches no prompt', () => {
  let waiting: Waiting;

  it('renders the approved persona, not the pending one, on the simplified path, the full pipeline and a follow-up', async () => {
    waiting = await givenRevisionWaitingForReview('Asha');

    const prompts = await promptsOnEveryPath(waiting);

    for (const prompt of Object.values(prompts)) {
      expect(prompt).toContain(APPROVED_WORDS);
      expect(prompt).not.toContain(GENERATED_WORDS);
    }
  });

  it('renders it on every path once an operator approves it', async () => {
    await decide(waiting.revisionId, 'approve');

    const prompts = await promptsOnEveryPath(waiting);

    for (const prompt of Object.values(prompts)) {
      expect(prompt).toContain(GENERATED_WORDS);
      expect(prompt).not.toContain(APPROVED_WORDS);
    }
  });

  it('never renders a rejected one', async () => {
    const rejected = await givenRevisionWaitingForReview('Bilal');
    await decide(rejected.revisionId, 'reject', { reason: 'Not what he said about himself' });

    const prompts = await promptsOnEveryPath(rejected);

    for (const prompt of Object.values(prompts)) {
      expect(prompt).toContain(APPROVED_WORDS);
      expect(prompt).not.toContain(GENERATED_WORDS);
    }
  });
});
