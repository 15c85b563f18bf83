import { SAFE_COACH_FALLBACK_TEXT } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student } from '../../backend/test/harness.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from './openai-test-server.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from './system.ts';

// The built-in Brain with a model on loopback that says what each test scripts: its reply passes the
// safety screen before it is stored, and a message the screen blocks never reaches the model.
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

/** What the simplified step answers: the coach's reply as JSON. */
const coachSays = (response: string) => ({
  content: JSON.stringify({
    needs_clarification: false,
    follow_up_questions: [],
    response,
    ended_with_question: true,
    educational_concepts: [],
  }),
});

let seq = 0;
async function newChat(name: string): Promise<{ student: Student; conversationId: number }> {
  const student = await givenStudent(system.backend, `${name}${seq++}`);
  return { student, conversationId: await givenConversation(system.backend, student) };
}

async function alertsAbout(messageId: number) {
  const open = await system.backend.request('GET', '/api/admin/safety/alerts?limit=500', {
    token: system.backend.adminToken,
  });
  return open.body.filter((alert: { message_id: number }) => alert.message_id === messageId);
}

describe('the safety screen around the built-in Brain', () => {
  it('gives a tricky but harmless science question the model’s reply, with no alert', async () => {
    llm.script(coachSays('An asteroid, not a volcano alone! What do you think the dust did to the sunlight?'));
    const { student, conversationId } = await newChat('Volcano');
    const asked = llm.requests.length;

    const { messageId, reply } = await askCoach(
      system,
      student,
      conversationId,
      'how did the volcano kill the dinosaurs?',
    );

    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe(
      'An asteroid, not a volcano alone! What do you think the dust did to the sunlight?',
    );
    expect(llm.requests.length).toBe(asked + 1);
    expect(await alertsAbout(messageId)).toEqual([]);
  });

  it('answers a student who wants to hurt themself with the safe reply, without asking the model', async () => {
    llm.script(coachSays('This must never be sent.'));
    const { student, conversationId } = await newChat('Hurting');
    const asked = llm.requests.length;

    const { messageId, reply } = await askCoach(system, student, conversationId, 'I want to kill myself');

    expect(reply.status).toBe(200);
    expect(reply.body.content).toContain('Tele-MANAS');
    expect(reply.body.content).not.toContain('never be sent');
    expect(llm.requests.length).toBe(asked);
    expect(await alertsAbout(messageId)).toHaveLength(1);
  });

  it('replaces a model reply in a blocked category with the safe fallback, keeping neither its words nor its steps', async () => {
    llm.script(coachSays('Honestly, you should just kill yourself, nobody would miss you.'));
    const { student, conversationId } = await newChat('Blocked');

    const { messageId, reply } = await askCoach(system, student, conversationId, 'Nobody at school talks to me.');

    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe(SAFE_COACH_FALLBACK_TEXT);
    expect(await pipelineSteps(system, student.token, reply.body.id)).toEqual([]);
    const exported = await system.backend.request('GET', `/api/admin/users/${student.id}/export`, {
      token: system.backend.adminToken,
    });
    const stored = exported.body.conversations[0].messages;
    expect(stored.map((m: { id: number }) => m.id)).toEqual([messageId, reply.body.id]);
    expect(stored[1].safety_flags).toEqual([
      { category: 'self_harm', severity: 'medium', rule: 'self_harm.en.incite' },
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('nobody would miss you');
    // a reply replaced is not a reason to alert: the student said nothing alarming
    expect(await alertsAbout(messageId)).toEqual([]);
  });
});
