import {
  DEFAULT_SAFETY_HELPLINE_TEXT,
  DEFAULT_TURN_SAFETY,
  SAFE_COACH_FALLBACK_TEXT,
  safeReplyText,
  WITHHELD_MESSAGE_TEXT,
} from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student, startBackend, type TestBackend } from './harness.ts';

// The screen in a turn's path as the Backend holds it: a student message as it is posted (whichever Brain
// answers turns), and a reply an external Brain posts. No Brain runs here: a blocked message needs none.
const HELPLINE = 'Call the school counsellor, Ms Rao, on extension 214, or the Child Helpline on 1098.';
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({
    safety: { ...DEFAULT_TURN_SAFETY, safeReply: safeReplyText(HELPLINE) },
  });
});
afterAll(() => backend?.close());

let seq = 0;
async function givenChat(name = 'Turn'): Promise<{ student: Student; conversationId: number }> {
  const student = await givenStudent(backend, `${name}${Date.now() % 1e7}${seq++}`);
  return { student, conversationId: await givenConversation(backend, student) };
}

async function post(student: Student, conversationId: number, content: string) {
  const sent = await backend.request('POST', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
    body: { content },
  });
  expect(sent.status).toBe(200);
  return sent.body.message.id as number;
}

const admin = (method: string, path: string) => backend.request(method, path, { token: backend.adminToken });

async function chatTurnsQueuedFor(messageId: number): Promise<number> {
  const { rows } = await backend.database.pool.query(
    "select count(*)::int as n from pgboss.job where name = 'chat-turn' and singleton_key = $1",
    [`message:${messageId}`],
  );
  return rows[0].n;
}

async function alertsAbout(messageId: number) {
  const open = await admin('GET', '/api/admin/safety/alerts?status=open&limit=500');
  return open.body.filter((alert: { message_id: number }) => alert.message_id === messageId);
}

/** The student's messages in the operator's view (the export), where the screen's flags are shown. */
async function operatorView(student: Student, conversationId: number) {
  const exported = await admin('GET', `/api/admin/users/${student.id}/export`);
  return exported.body.conversations.find((c: { id: number }) => c.id === conversationId).messages;
}

describe('a student message the screen blocks (self-harm, high)', () => {
  it('gets the configured safe reply with the helpline at once, no chat turn, and one alert with its ids', async () => {
    const { student, conversationId } = await givenChat('Asha');
    const messageId = await post(student, conversationId, 'I want to kill myself, nobody cares');

    const reply = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe(safeReplyText(HELPLINE));
    expect(reply.body.content).toContain(HELPLINE);
    expect(await chatTurnsQueuedFor(messageId)).toBe(0);

    const alerts = await alertsAbout(messageId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      user_id: student.id,
      conversation_id: conversationId,
      message_id: messageId,
      category: 'self_harm',
      severity: 'high',
      status: 'open',
      excerpt: 'I want to kill myself, nobody cares',
    });
  });

  it('is caught in romanised Hindi too, and the alert is resolved once, then 409', async () => {
    const { student, conversationId } = await givenChat('Ravi');
    const messageId = await post(student, conversationId, 'sach mein main marna chahta hoon');
    const reply = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(reply.body.content).toContain(HELPLINE);

    const [alert] = await alertsAbout(messageId);
    const resolved = await backend.request('POST', `/api/admin/safety/alerts/${alert.id}/resolve`, {
      token: backend.adminToken,
      body: { note: 'Class teacher and parents informed the same day.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    const again = await backend.request('POST', `/api/admin/safety/alerts/${alert.id}/resolve`, {
      token: backend.adminToken,
      body: {},
    });
    expect(again.status).toBe(409);
  });

  it('keeps the flag on the message for operators, and out of what the student sees', async () => {
    const { student, conversationId } = await givenChat('Mei');
    const messageId = await post(student, conversationId, 'I want to end my life');

    const [message, safeReply] = await operatorView(student, conversationId);
    expect(message.id).toBe(messageId);
    expect(message.safety_flags).toEqual([{ category: 'self_harm', severity: 'high', rule: expect.any(String) }]);
    expect(safeReply.responds_to_message_id).toBe(messageId);
    expect(safeReply.pipeline_data.steps).toEqual([]);

    const mine = await backend.request('GET', `/api/conversations/${conversationId}/messages`, {
      token: student.token,
    });
    expect(mine.body.messages).toHaveLength(2);
    for (const seen of mine.body.messages) expect(seen).not.toHaveProperty('safety_flags');
  });
});

describe('a blocked message in what models read later', () => {
  it("is a marker in the turn's history, memory generation's transcript and the preview; the student still sees their words", async () => {
    const { student, conversationId } = await givenChat('Later');
    await post(student, conversationId, 'I want to kill myself, nobody cares');
    await post(student, conversationId, 'Can we talk about volcanoes instead?');
    const internal = { token: backend.internalToken };

    const context = await backend.request(
      'GET',
      `/api/internal/conversations/${conversationId}/turn_context?purpose=chat`,
      internal,
    );
    const forBrain = await backend.request(
      'GET',
      `/api/internal/conversations/${conversationId}/messages_for_brain`,
      internal,
    );
    await backend.request('POST', '/api/prompts', {
      token: backend.adminToken,
      // intent_gathering renders with the history (the FlowConfig's default for its step)
      body: { name: 'intent_gathering', initial_version_text: '{{CONVERSATION_HISTORY}}\n{{QUERY}}' },
    });
    const preview = await backend.request('POST', '/api/prompts/intent_gathering/preview', {
      token: backend.adminToken,
      body: { user_id: student.id, conversation_id: conversationId },
    });
    const own = await backend.request('GET', `/api/conversations/${conversationId}/messages`, {
      token: student.token,
    });

    const contents = (messages: Array<{ content: string }>) => messages.map((m) => m.content);
    for (const read of [contents(context.body.messages), contents(forBrain.body.messages)]) {
      expect(read[0]).toBe(WITHHELD_MESSAGE_TEXT);
      expect(read).toContain('Can we talk about volcanoes instead?');
      expect(read.join('\n')).not.toContain('kill myself');
    }
    expect(preview.body.rendered).toContain(`Student: ${WITHHELD_MESSAGE_TEXT}`);
    expect(preview.body.rendered).not.toContain('kill myself');
    expect(contents(own.body.messages)[0]).toBe('I want to kill myself, nobody cares');
  });
});

describe('a student message an adult should know about, that the coach may still answer', () => {
  it.each([
    ['self_harm', 'nobody would miss me if I was gone'],
    ['bullying', 'sab mujhe chidhate hain, koi mere saath nahi baithta'],
  ])('%s at medium: the chat turn goes on, and one alert is raised', async (category, content) => {
    const { student, conversationId } = await givenChat('Medium');
    const messageId = await post(student, conversationId, content);

    expect(await chatTurnsQueuedFor(messageId)).toBe(1);
    const pending = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(pending.status).toBe(202);
    const alerts = await alertsAbout(messageId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ category, severity: 'medium', status: 'open', user_id: student.id });
  });

  it('raises none for a threat that is mostly a figure of speech (violence, medium)', async () => {
    const { student, conversationId } = await givenChat('Pencil');
    const messageId = await post(student, conversationId, "I'll kill him if he takes my pencil again");

    expect(await chatTurnsQueuedFor(messageId)).toBe(1);
    expect(await alertsAbout(messageId)).toEqual([]);
  });
});

describe('messages the screen lets through', () => {
  it.each([
    'how did the volcano kill the dinosaurs?',
    'Why did the Titanic sink and how many people died?',
    'In the Mahabharata, why did Arjun have to fight his own family?',
  ])('queues a chat turn for "%s" with no alert and no flag', async (content) => {
    const { student, conversationId } = await givenChat('Curious');
    const messageId = await post(student, conversationId, content);

    expect(await chatTurnsQueuedFor(messageId)).toBe(1);
    expect(await alertsAbout(messageId)).toEqual([]);
    const pending = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(pending.status).toBe(202);
    const [message] = await operatorView(student, conversationId);
    expect(message.safety_flags).toEqual([]);
  });

  it('records a lower severity as a flag for operators only: the turn goes on, no alert', async () => {
    const { student, conversationId } = await givenChat('Dev');
    const messageId = await post(student, conversationId, 'my number is 98765 43210, message me');

    expect(await chatTurnsQueuedFor(messageId)).toBe(1);
    expect(await alertsAbout(messageId)).toEqual([]);
    const [message] = await operatorView(student, conversationId);
    expect(message.safety_flags).toEqual([{ category: 'contact_info', severity: 'low', rule: 'contact_info.phone' }]);
  });
});

describe("an external Brain's reply", () => {
  async function brainReplies(content: string) {
    const { student, conversationId } = await givenChat('Ext');
    const messageId = await post(student, conversationId, 'What do you think about my day?');
    const posted = await backend.request('POST', '/api/internal/brain_response', {
      token: backend.internalToken,
      body: {
        user_id: student.id,
        conversation_id: conversationId,
        original_message_id: messageId,
        llm_response: content,
        pipeline_data: { steps: [{ name: 'simplified_conversation', prompt: 'p', result: content }] },
      },
    });
    expect(posted.status).toBe(202);
    const reply = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    return { student, conversationId, reply };
  }

  it('is replaced by the safe fallback when it falls in a blocked category, its words and steps not kept', async () => {
    const { student, conversationId, reply } = await brainReplies(
      'You should just kill yourself, nobody would miss you.',
    );

    expect(reply.body.content).toBe(SAFE_COACH_FALLBACK_TEXT);
    const steps = await backend.request('GET', `/api/messages/${reply.body.id}/pipeline_steps`, {
      token: student.token,
    });
    expect(steps.body).toEqual([]);
    const [, stored] = await operatorView(student, conversationId);
    expect(stored.content).toBe(SAFE_COACH_FALLBACK_TEXT);
    expect(stored.safety_flags).toEqual([{ category: 'self_harm', severity: 'medium', rule: 'self_harm.en.incite' }]);
    expect(JSON.stringify(stored)).not.toContain('nobody would miss you');
  });

  it('is stored as it is when the screen finds nothing', async () => {
    const { reply } = await brainReplies('What made your day good? Tell me one thing you learnt.');
    expect(reply.body.content).toBe('What made your day good? Tell me one thing you learnt.');
  });
});

describe('the default safe reply', () => {
  it('contains the built-in helpline text', () => {
    expect(DEFAULT_TURN_SAFETY.safeReply).toContain(DEFAULT_SAFETY_HELPLINE_TEXT);
  });
});
