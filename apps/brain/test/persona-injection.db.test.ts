import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student } from '../../backend/test/harness.ts';
import { givenClarificationAsked, givenFlowConfig, givenMemory, givenPersona, givenPromptVersion } from './given.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

// A prompt containing {{USER_PERSONA__persona}} shows the injected snippet in the stored pipeline
// step's prompt, on every path a turn can take.

const PERSONA = { persona: 'A curious learner who loves volcanoes and asks "why" a lot.' };
const SNIPPET =
  'These are some details about the user. `persona` is "A curious learner who loves volcanoes and asks \\"why\\" a lot."';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());
beforeEach(() => givenFlowConfig(system, { use_simplified_mode: true }));

async function studentWithPersona(name: string): Promise<{ student: Student; conversationId: number }> {
  const student = await givenStudent(system.backend, name);
  await givenPersona(system, student, PERSONA);
  return { student, conversationId: await givenConversation(system.backend, student) };
}

async function stepsOfReply(student: Student, conversationId: number, content: string) {
  const { reply } = await askCoach(system, student, conversationId, content);
  expect(reply.status).toBe(200);
  return pipelineSteps(system, student.token, reply.body.id);
}

describe('persona placeholders in the prompts the Brain sends', () => {
  it('renders {{USER_PERSONA__persona}} in a new production version of simplified_conversation', async () => {
    await givenPromptVersion(
      system,
      'simplified_conversation',
      'You coach a student.\n{{USER_PERSONA__persona}}\nThe student said: "{{QUERY}}"',
    );
    const { student, conversationId } = await studentWithPersona('Asha');

    const [step] = await stepsOfReply(student, conversationId, 'Why do volcanoes erupt?');

    expect(step!.name).toBe('simplified_conversation');
    expect(step!.prompt).toContain(SNIPPET);
    expect(step!.prompt).toContain('The student said: "Why do volcanoes erupt?"');
  });

  it('renders it in the initial response of the full pipeline', async () => {
    await givenFlowConfig(system, { use_simplified_mode: false });
    await givenPromptVersion(
      system,
      'response_generation',
      'Answer the student.\n{{USER_PERSONA__persona}}\nQuestion: {{QUERY}}\nFacts: {{KNOWLEDGE}}',
    );
    const { student, conversationId } = await studentWithPersona('Bilal');

    const steps = await stepsOfReply(student, conversationId, 'Why do volcanoes erupt with so much force?');

    const initial = steps.find((step) => step.name === 'initial_response_generation');
    expect(initial?.prompt).toContain(SNIPPET);
  });

  it('renders it in the follow-up response after the coach asked for clarification', async () => {
    await givenPromptVersion(
      system,
      'follow_up_response',
      'Earlier: {{ORIGINAL_QUERY}}\nYou asked: {{FOLLOW_UP_QUESTIONS}}\n{{USER_PERSONA__persona}}\nThey answered: {{QUERY}}',
    );
    const { student, conversationId } = await studentWithPersona('Chitra');
    await givenClarificationAsked(system, student, conversationId, {
      question: 'Tell me about rocks',
      followUpQuestions: ['Which rocks do you mean: the ones in volcanoes or in rivers?'],
    });

    const [step] = await stepsOfReply(student, conversationId, 'The ones that come out of volcanoes');

    expect(step!.name).toBe('follow_up_response');
    expect(step!.prompt).toContain('Earlier: Tell me about rocks');
    expect(step!.prompt).toContain(SNIPPET);
  });

  it('says the persona is not available when the student has none', async () => {
    await givenPromptVersion(system, 'simplified_conversation', '{{USER_PERSONA__persona}}\n{{QUERY}}');
    const student = await givenStudent(system.backend, 'Dev');
    const conversationId = await givenConversation(system.backend, student);

    const [step] = await stepsOfReply(student, conversationId, 'How do bees make honey?');

    expect(step!.prompt).toContain('User persona not available.');
    expect(step!.prompt).not.toContain('These are some details about the user.');
  });

  it('quotes a value the persona lacks like any other: `key` is "[Not available]"', async () => {
    await givenPromptVersion(
      system,
      'simplified_conversation',
      '{{USER_PERSONA__persona__learning_patterns}}\n{{QUERY}}',
    );
    const { student, conversationId } = await studentWithPersona('Farah');

    const [step] = await stepsOfReply(student, conversationId, 'Why is the sea salty?');

    expect(step!.prompt).toContain(`${SNIPPET}, \`learning_patterns\` is "[Not available]"`);
  });

  it('renders {{CONVERSATION_MEMORY__main_topics}} from the stored memory', async () => {
    await givenPromptVersion(system, 'simplified_conversation', '{{CONVERSATION_MEMORY__main_topics}}\n{{QUERY}}');
    const { student, conversationId } = await studentWithPersona('Esha');
    await givenMemory(system, conversationId, {
      main_topics: ['volcanoes', 'magma'],
      action: ['Asked why lava glows'],
      typical_observation: 'Asks lots of questions.',
    });

    const [step] = await stepsOfReply(student, conversationId, 'What is magma made of?');

    expect(step!.prompt).toContain(
      'These are some details of the conversation till now. `main_topics` is "volcanoes, magma"',
    );
    expect(step!.prompt).not.toContain('Asked why lava glows');
  });

  it("leaves a placeholder typed by the student literal: the student's words are never rendered", async () => {
    await givenPromptVersion(system, 'simplified_conversation', '{{USER_PERSONA__persona}}\nStudent: {{QUERY}}');
    const { student, conversationId } = await studentWithPersona('Farhan');

    const [step] = await stepsOfReply(student, conversationId, 'What does {{USER_PERSONA}} say about me?');

    expect(step!.prompt).toContain('Student: What does {{USER_PERSONA}} say about me?');
    expect(step!.prompt!.split('These are some details about the user.')).toHaveLength(2);
  });
});
