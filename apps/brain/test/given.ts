import type { FlowStep } from '@coach/core';
import { givenMessage, type Student } from '../../backend/test/harness.ts';
import type { TestSystem } from './system.ts';

/** Small factories for the Brain's end-to-end tests: each sets up one thing an operator or the Brain would. */

export interface PromptVersion {
  id: number;
  version_number: number;
  prompt_text: string;
}

/** An operator's new version of a prompt: production (what chat uses) and/or active (what test-prompt uses). */
export async function givenPromptVersion(
  system: TestSystem,
  name: string,
  text: string,
  flags: { production?: boolean; active?: boolean } = { production: true },
): Promise<PromptVersion> {
  const response = await system.backend.request(
    'POST',
    `/api/prompts/${name}/versions?set_active=${flags.active ?? false}`,
    { token: system.backend.adminToken, body: { prompt_text: text, is_production: flags.production ?? false } },
  );
  if (response.status !== 201) throw new Error(`new version of ${name} failed: ${response.status}`);
  return response.body;
}

export async function givenPersona(system: TestSystem, student: Student, personaData: Record<string, unknown>) {
  const response = await system.backend.request('POST', '/api/user-personas', {
    token: system.backend.adminToken,
    body: { user_id: student.id, persona_data: personaData },
  });
  if (response.status !== 200) throw new Error(`storing the persona failed: ${response.status}`);
}

export async function givenMemory(system: TestSystem, conversationId: number, memoryData: Record<string, unknown>) {
  const response = await system.backend.request('POST', '/api/memories', {
    token: system.backend.adminToken,
    body: { conversation_id: conversationId, memory_data: memoryData },
  });
  if (response.status !== 200) throw new Error(`storing the memory failed: ${response.status}`);
}

/** Stores the Brain's FlowConfig through its own route, as the operator console does. */
export async function givenFlowConfig(
  system: TestSystem,
  config: { use_simplified_mode: boolean; steps?: Array<Partial<FlowStep> & { name: string }> },
) {
  const response = await system.brainRequest('POST', '/set-config', {
    token: system.backend.internalToken,
    body: config,
  });
  if (response.status !== 200)
    throw new Error(`set-config failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * A conversation whose last coach message asked for clarification: the test plays the Brain's part
 * for a `purpose: "test"` message, so the student's next message is a follow-up. The clarification goes
 * in the reply's typed fields only, where the Backend and the Brain read it.
 */
export async function givenClarificationAsked(
  system: TestSystem,
  student: Student,
  conversationId: number,
  asked: { question: string; followUpQuestions: string[] },
) {
  const message = await givenMessage(system.backend, student, conversationId, asked.question, 'test');
  const response = await system.backend.request('POST', '/api/internal/brain_response', {
    token: system.backend.internalToken,
    body: {
      user_id: student.id,
      conversation_id: conversationId,
      original_message_id: message.id,
      llm_response: asked.followUpQuestions.join('\n'),
      pipeline_data: { steps: [] },
      needs_clarification: true,
      follow_up_questions: asked.followUpQuestions,
      original_query: asked.question,
    },
  });
  if (response.status !== 202) throw new Error(`brain_response failed: ${response.status}`);
}
