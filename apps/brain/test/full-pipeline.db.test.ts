import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student } from '../../backend/test/harness.ts';
import { givenClarificationAsked, givenFlowConfig } from './given.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from './openai-test-server.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

// The model is a real OpenAI-speaking server on loopback, so each step's answer is scripted and every
// request the Brain makes is seen.
let llm: OpenAiTestServer;
let system: TestSystem;
beforeAll(async () => {
  llm = await startOpenAiTestServer();
  system = await startSystem({ env: { LLM_BASE_URL: llm.baseUrl } });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
});

const answer = (json: object) => ({ content: JSON.stringify(json) });
const INTENT = answer({
  needs_clarification: false,
  follow_up_questions: [],
  partial_understanding: 'The student wonders why volcanoes erupt.',
  intent_category: 'educational',
  key_concepts: ['volcano', 'magma'],
});
const KNOWLEDGE = answer({ facts: ['Magma is molten rock lighter than the rock around it.'], sources_hint: 'Atlas' });
const INITIAL = answer({ response: 'Magma rises because it is lighter than solid rock.' });
const ENHANCED = answer({
  response: 'What happens to a bottle of soda when you shake it and open it?',
  ended_with_question: true,
  educational_concepts: ['pressure'],
});

/** What the Brain sent the model since `from`: one rendered prompt per request. */
const promptsSentSince = (from: number) =>
  llm.requests.slice(from).map((request) => request.body.messages.at(-1).content as string);

async function newConversation(name: string): Promise<{ student: Student; conversationId: number }> {
  const student = await givenStudent(system.backend, name);
  return { student, conversationId: await givenConversation(system.backend, student) };
}

describe('the full pipeline', () => {
  it('runs intent, knowledge, initial response and learning enhancement, recording what each sent and got', async () => {
    await givenFlowConfig(system, { use_simplified_mode: false });
    llm.script(INTENT, KNOWLEDGE, INITIAL, ENHANCED);
    const { student, conversationId } = await newConversation('Asha');
    const sentBefore = llm.requests.length;

    const { reply } = await askCoach(system, student, conversationId, 'Why do volcanoes erupt so violently?');

    expect(reply.body.content).toBe('What happens to a bottle of soda when you shake it and open it?');
    const steps = await pipelineSteps(system, student.token, reply.body.id);
    expect(steps.map((step) => [step.name, step.enabled])).toEqual([
      ['intent_identification', true],
      ['knowledge_retrieval', true],
      ['initial_response_generation', true],
      ['learning_enhancement', true],
    ]);
    expect(steps.map((step) => step.prompt)).toEqual(promptsSentSince(sentBefore));
    expect(steps[2]!.prompt).toContain('Magma is molten rock lighter than the rock around it.');
    expect(steps[3]!.prompt).toContain('Magma rises because it is lighter than solid rock.');
    expect(steps[1]!.result).toEqual(JSON.parse(KNOWLEDGE.content));
  });

  it('runs a step the stored config does not name, and skips one it switches off without asking the model', async () => {
    await givenFlowConfig(system, {
      use_simplified_mode: false,
      steps: [{ name: 'learning_enhancement', enabled: false }],
    });
    llm.script(INTENT, KNOWLEDGE, INITIAL);
    const { student, conversationId } = await newConversation('Bilal');
    const sentBefore = llm.requests.length;

    const { reply } = await askCoach(system, student, conversationId, 'Why do volcanoes erupt so violently?');

    expect(reply.body.content).toBe('Magma rises because it is lighter than solid rock.');
    expect(llm.requests.length - sentBefore).toBe(3);
    const steps = await pipelineSteps(system, student.token, reply.body.id);
    expect(steps.find((step) => step.name === 'knowledge_retrieval')).toMatchObject({ enabled: true });
    expect(steps.find((step) => step.name === 'learning_enhancement')).toMatchObject({ enabled: false, prompt: null });
  });

  it("asks back when the question is unclear, and answers the student's answer as a follow-up", async () => {
    await givenFlowConfig(system, { use_simplified_mode: false });
    llm.script(
      answer({
        needs_clarification: true,
        follow_up_questions: ['Which volcano are you thinking of?'],
        partial_understanding: 'Something about volcanoes.',
        intent_category: 'educational',
        key_concepts: ['volcano'],
      }),
    );
    const { student, conversationId } = await newConversation('Chitra');

    const question = await askCoach(system, student, conversationId, 'volcano stuff');
    expect(question.reply.body.content).toBe('Which volcano are you thinking of?');
    expect(question.reply.body).toMatchObject({
      needs_clarification: true,
      follow_up_questions: ['Which volcano are you thinking of?'],
      original_query: 'volcano stuff',
    });

    llm.script(answer({ response: 'Mount Fuji is a great pick! What shape is it?', needs_clarification: false }));
    const followUp = await askCoach(system, student, conversationId, 'Mount Fuji in Japan');
    expect(followUp.reply.body.content).toBe('Mount Fuji is a great pick! What shape is it?');
    const [step] = await pipelineSteps(system, student.token, followUp.reply.body.id);
    expect(step!.name).toBe('follow_up_response');
    expect(step!.prompt).toContain('Earlier the student asked: "volcano stuff"');
    expect(step!.prompt).toContain('You asked them: Which volcano are you thinking of?');
    expect(step!.prompt).toContain('Student: volcano stuff\nCoach: Which volcano are you thinking of?');
  });

  it("answers as a follow-up when the coach's last message asked in its typed fields only, not its pipeline data", async () => {
    await givenFlowConfig(system, { use_simplified_mode: false });
    const { student, conversationId } = await newConversation('Dara');
    await givenClarificationAsked(system, student, conversationId, {
      question: 'Tell me about rocks',
      followUpQuestions: ['The ones in volcanoes or in rivers?'],
    });

    llm.script(
      answer({ response: 'Volcanic rock cools from lava. Have you held pumice?', needs_clarification: false }),
    );
    const followUp = await askCoach(system, student, conversationId, 'Volcanoes');

    const [step] = await pipelineSteps(system, student.token, followUp.reply.body.id);
    expect(step!.name).toBe('follow_up_response');
    expect(step!.prompt).toContain('Earlier the student asked: "Tell me about rocks"');
    expect(step!.prompt).toContain('You asked them: The ones in volcanoes or in rivers?');
    expect(followUp.reply.body).toMatchObject({ needs_clarification: false, original_query: 'Tell me about rocks' });
  });
});
