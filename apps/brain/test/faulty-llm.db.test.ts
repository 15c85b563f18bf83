import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent } from '../../backend/test/harness.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from './openai-test-server.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

// Each model call may take a second and is retried once; each chat turn is retried once by the queue:
// a turn that keeps failing costs 2 × 2 model requests.
const LLM_CONFIG = {
  defaults: { timeout_ms: 1_000, max_retries: 1 },
  retry: { base_delay_ms: 10, max_delay_ms: 20 },
};
const REQUESTS_PER_FAILED_TURN = 4;

let llm: OpenAiTestServer;
let system: TestSystem;
let configDir: string;
beforeAll(async () => {
  llm = await startOpenAiTestServer();
  configDir = mkdtempSync(join(tmpdir(), 'coach-llm-'));
  const configPath = join(configDir, 'llm.json');
  writeFileSync(configPath, JSON.stringify(LLM_CONFIG));
  system = await startSystem({
    env: { LLM_BASE_URL: llm.baseUrl, LLM_CONFIG: configPath },
    chatTurnRetry: { retryLimit: 1, retryDelaySeconds: 0 },
  });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

async function askNewConversation(name: string, content: string) {
  const student = await givenStudent(system.backend, name);
  const conversationId = await givenConversation(system.backend, student);
  const sentBefore = llm.requests.length;
  const { reply } = await askCoach(system, student, conversationId, content);
  return { student, reply, requests: llm.requests.length - sentBefore };
}

describe('a chat turn when the model misbehaves', () => {
  it('tells the student the turn failed when the model keeps answering 500', async () => {
    llm.script({ status: 500, message: 'the model is down' });

    const { reply, requests } = await askNewConversation('Asha', 'Why do volcanoes erupt?');

    expect(reply.status).toBe(502);
    expect(reply.body.detail).toContain('could not think of an answer');
    expect(requests).toBe(REQUESTS_PER_FAILED_TURN);
  });

  it('tells the student the turn failed when the model never answers', async () => {
    llm.script('hang');

    const { reply, requests } = await askNewConversation('Bilal', 'Why do volcanoes erupt?');

    expect(reply.status).toBe(502);
    expect(reply.body.detail).toContain('took too long');
    expect(requests).toBe(REQUESTS_PER_FAILED_TURN);
  });

  it('answers normally when the model recovers after a 500', async () => {
    const coachReply = {
      needs_clarification: false,
      follow_up_questions: [],
      response: 'What do you think pushes the magma up?',
      ended_with_question: true,
      educational_concepts: ['magma'],
    };
    llm.script({ status: 500 }, { content: JSON.stringify(coachReply) });

    const { student, reply, requests } = await askNewConversation('Chitra', 'Why do volcanoes erupt?');

    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe('What do you think pushes the magma up?');
    expect(requests).toBe(2);
    const [step] = await pipelineSteps(system, student.token, reply.body.id);
    expect(step!.attempts).toBe(2);
  });

  it('uses a reply that is not the JSON the prompt asked for as the reply itself', async () => {
    llm.script({ content: 'Lava is hot rock. Where have you seen something melt?' });

    const { reply } = await askNewConversation('Dev', 'Why do volcanoes erupt?');

    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe('Lava is hot rock. Where have you seen something melt?');
  });

  it('answers POST /query with 502 and the reason when the model fails', async () => {
    llm.script({ status: 500, message: 'the model is down' });
    const student = await givenStudent(system.backend, 'Esha');
    const conversationId = await givenConversation(system.backend, student);
    const message = await givenMessage(system.backend, student, conversationId, 'Why do volcanoes erupt?');

    const answered = await system.brainRequest('POST', '/query', {
      token: system.backend.internalToken,
      body: {
        user_id: student.id,
        conversation_id: conversationId,
        message_id: message.id,
        message_content: message.content,
      },
    });

    expect(answered.status).toBe(502);
    expect(answered.body.detail).toContain('HTTP 500');
  });
});
