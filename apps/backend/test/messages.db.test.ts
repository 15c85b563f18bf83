import { readFile } from 'node:fs/promises';
import type { ChatTurnJob } from '@coach/core';
import type { JobQueue } from '@coach/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../src/auth/tokens.ts';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type Student,
  startBackend,
  type TestBackend,
} from './harness.ts';

const MAX_LENGTH = 100;

/** What the next enqueue does: go through, fail before reaching pg-boss, or fail just after it. */
let queueFault: 'none' | 'before-send' | 'after-send' = 'none';
/** Jobs that were handed to pg-boss inside a transaction that then failed. */
const abandonedJobs: ChatTurnJob[] = [];

function faultyQueue(queue: JobQueue): JobQueue {
  return {
    ...queue,
    async send(name, data, options) {
      const fault = queueFault;
      queueFault = 'none';
      if (fault === 'before-send') throw new Error('queue unavailable');
      const id = await queue.send(name, data, options);
      if (fault === 'after-send') {
        abandonedJobs.push(data as unknown as ChatTurnJob);
        throw new Error('connection lost after the job was sent');
      }
      return id;
    },
  };
}

let backend: TestBackend;
/** Every chat-turn job the queue delivered, in delivery order. */
const deliveredJobs: ChatTurnJob[] = [];

beforeAll(async () => {
  backend = await startBackend({ maxMessageLength: MAX_LENGTH }, { wrapQueue: faultyQueue });
  await backend.queue.work<ChatTurnJob>('chat-turn', {}, async (job) => {
    deliveredJobs.push(job.data);
  });
});
afterAll(() => backend?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jobsFor = (messageId: number) => deliveredJobs.filter((job) => job.message_id === messageId);

async function deliveredJobFor(messageId: number): Promise<ChatTurnJob> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(50)) {
    const [job] = jobsFor(messageId);
    if (job) return job;
  }
  throw new Error(`no chat-turn job for message ${messageId} was delivered`);
}

/** Sends a chat message and waits for its job: every job enqueued before it has been delivered by then. */
async function drainQueue(student: Student, conversationId: number): Promise<void> {
  const sentinel = await postMessage(student, conversationId, { content: 'sentinel', purpose: 'chat' });
  await deliveredJobFor(sentinel.body.message.id);
}

function postMessage(student: Student, conversationId: number, body: unknown) {
  return backend.request('POST', `/api/conversations/${conversationId}/messages`, { token: student.token, body });
}

async function listMessages(student: Student, conversationId: number) {
  const response = await backend.request('GET', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
  });
  expect(response.status).toBe(200);
  return response.body.messages as Array<{ id: number; content: string; is_user: boolean; timestamp: string }>;
}

const STEPS = [
  {
    name: 'simplified_conversation',
    enabled: true,
    prompt: 'You are a curious coach. The student asked: Why is the sky blue?',
    result: '{"response": "What colours do you see at sunset?"}',
    timing: { ms: 12 },
  },
];

/** Plays the Brain: posts the reply to a student's message. */
function brainResponse(student: Student, conversationId: number, messageId: number, overrides: object = {}) {
  return backend.request('POST', '/api/internal/brain_response', {
    token: backend.internalToken,
    body: {
      user_id: student.id,
      conversation_id: conversationId,
      original_message_id: messageId,
      llm_response: 'What colours do you see at sunset?',
      pipeline_data: { steps: STEPS, final_response: 'What colours do you see at sunset?' },
      ...overrides,
    },
  });
}

describe('sending a message', () => {
  it('saves a chat message, returns it at once and enqueues one chat-turn job for it', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const sent = await postMessage(asha, conversationId, { content: 'Why is the sky blue?' });
    expect(sent.status).toBe(200);
    const message = sent.body.message;
    expect(sent.body).toEqual({
      success: true,
      message: {
        id: expect.any(Number),
        content: 'Why is the sky blue?',
        is_user: true,
        timestamp: expect.any(String),
      },
    });
    expect(await deliveredJobFor(message.id)).toEqual({
      user_id: asha.id,
      conversation_id: conversationId,
      message_id: message.id,
      purpose: 'chat',
      message_content: 'Why is the sky blue?',
      timestamp: message.timestamp,
    });
    await drainQueue(asha, conversationId);
    expect(jobsFor(message.id)).toHaveLength(1);
  });

  it('enqueues a reply for purpose test-prompt too', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const sent = await postMessage(asha, conversationId, { content: 'Try the new prompt', purpose: 'test-prompt' });
    expect(sent.status).toBe(200);
    expect((await deliveredJobFor(sent.body.message.id)).purpose).toBe('test-prompt');
  });

  it('only stores a message of purpose test', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId, 'No reply wanted', 'test');
    await drainQueue(asha, conversationId);
    expect(jobsFor(message.id)).toEqual([]);
    expect((await listMessages(asha, conversationId)).map((m) => m.id)).toContain(message.id);
  });

  const badBodies: Array<[string, unknown, RegExp]> = [
    ['empty content', { content: '' }, /content/],
    ['whitespace content', { content: ' \n\t ' }, /content/],
    ['content over the length limit', { content: 'x'.repeat(MAX_LENGTH + 1) }, new RegExp(`${MAX_LENGTH}`)],
    ['an unknown purpose', { content: 'hi', purpose: 'gossip' }, /purpose/],
    ['no content', { purpose: 'chat' }, /content/],
    ['content that is not a string', { content: 42 }, /content/],
    [
      'content with a NUL character',
      { content: 'a\u0000b' },
      /^body\.content: Text must not contain the NUL character \(U\+0000\)\.$/,
    ],
  ];
  for (const [what, body, detail] of badBodies) {
    it(`refuses ${what} with 422 and saves nothing`, async () => {
      const asha = await givenStudent(backend);
      const conversationId = await givenConversation(backend, asha);
      const response = await postMessage(asha, conversationId, body);
      expect(response.status).toBe(422);
      expect(response.body.detail).toMatch(detail);
      expect(await listMessages(asha, conversationId)).toEqual([]);
    });
  }

  it('accepts content of exactly the length limit', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const response = await postMessage(asha, conversationId, { content: 'x'.repeat(MAX_LENGTH), purpose: 'test' });
    expect(response.status).toBe(200);
  });

  it('keeps no message when its job cannot be enqueued', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    queueFault = 'before-send';
    const response = await postMessage(asha, conversationId, { content: 'Will this be lost?' });
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(response.body.detail).toEqual(expect.any(String));
    expect(await listMessages(asha, conversationId)).toEqual([]);
  });

  it('takes the job back with the message when the transaction fails after enqueueing', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    queueFault = 'after-send';
    const response = await postMessage(asha, conversationId, { content: 'Half sent' });
    expect(response.status).toBeGreaterThanOrEqual(500);
    const abandoned = abandonedJobs.at(-1)!;
    expect(abandoned.message_content).toBe('Half sent');
    await drainQueue(asha, conversationId);
    expect(jobsFor(abandoned.message_id)).toEqual([]);
    expect((await listMessages(asha, conversationId)).map((m) => m.content)).toEqual(['sentinel']);
  });

  it('lists messages oldest first, each reply after the message it answers', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const first = await givenMessage(backend, asha, conversationId, 'first');
    await brainResponse(asha, conversationId, first.id, { llm_response: 'reply to first' });
    await givenMessage(backend, asha, conversationId, 'second');
    await givenMessage(backend, asha, conversationId, 'third');
    const messages = await listMessages(asha, conversationId);
    expect(messages.map((m) => [m.content, m.is_user])).toEqual([
      ['first', true],
      ['reply to first', false],
      ['second', true],
      ['third', true],
    ]);
  });
});

describe('polling for the reply', () => {
  it('answers 202 with a null body while the reply is pending', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const pending = await backend.request('GET', `/api/messages/${message.id}/response`, { token: asha.token });
    expect(pending.status).toBe(202);
    expect(pending.body ?? null).toBeNull();
  });

  it("answers 200 with the coach's reply once the Brain posted it, with its pipeline steps as sent", async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const accepted = await brainResponse(asha, conversationId, message.id);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ success: true, duplicate: false });

    const answered = await backend.request('GET', `/api/messages/${message.id}/response`, { token: asha.token });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({
      id: accepted.body.message_id,
      content: 'What colours do you see at sunset?',
      is_user: false,
      timestamp: expect.any(String),
      needs_clarification: false,
      follow_up_questions: [],
      original_query: null,
    });
    const steps = await backend.request('GET', `/api/messages/${answered.body.id}/pipeline_steps`, {
      token: asha.token,
    });
    expect(steps.status).toBe(200);
    expect(steps.body).toEqual(STEPS);
  });

  it('reports a turn the Brain gave up on with 502 and the reason', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const failed = await backend.request('POST', '/api/internal/brain_failure', {
      token: backend.internalToken,
      body: { original_message_id: message.id, detail: 'the language model timed out' },
    });
    expect(failed.status).toBe(202);
    const response = await backend.request('GET', `/api/messages/${message.id}/response`, { token: asha.token });
    expect(response.status).toBe(502);
    expect(response.body.detail).toContain('the language model timed out');
  });

  it('prefers a reply that arrived over a failure reported for the same message', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    await brainResponse(asha, conversationId, message.id);
    await backend.request('POST', '/api/internal/brain_failure', {
      token: backend.internalToken,
      body: { original_message_id: message.id, detail: 'a late retry failed' },
    });
    const response = await backend.request('GET', `/api/messages/${message.id}/response`, { token: asha.token });
    expect(response.status).toBe(200);
  });

  it('with wait, holds a pending poll and answers the moment the reply is stored', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const started = Date.now();
    const waiting = backend.request('GET', `/api/messages/${message.id}/response?wait=20`, { token: asha.token });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await brainResponse(asha, conversationId, message.id);
    const answered = await waiting;
    expect(answered.status).toBe(200);
    expect(answered.body.content).toBe('What colours do you see at sunset?');
    // woken by the reply, not by the end of the wait
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('with wait, answers a failure reported meanwhile with 502, and 202 when the wait ends first', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const failing = await givenMessage(backend, asha, conversationId, 'one');
    const waiting = backend.request('GET', `/api/messages/${failing.id}/response?wait=20`, { token: asha.token });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await backend.request('POST', '/api/internal/brain_failure', {
      token: backend.internalToken,
      body: { original_message_id: failing.id, detail: 'the language model timed out' },
    });
    const failed = await waiting;
    expect(failed.status).toBe(502);
    expect(failed.body.detail).toContain('the language model timed out');

    const pending = await givenMessage(backend, asha, conversationId, 'two');
    const started = Date.now();
    const unanswered = await backend.request('GET', `/api/messages/${pending.id}/response?wait=0.5`, {
      token: asha.token,
    });
    expect(unanswered.status).toBe(202);
    expect(unanswered.body ?? null).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it.each(['-1', '26', 'soon'])('refuses wait=%s with 422 and a detail', async (wait) => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const response = await backend.request('GET', `/api/messages/${message.id}/response?wait=${wait}`, {
      token: asha.token,
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/wait/);
  });

  it("hides another student's message behind 404, and lets the admin read pipeline steps", async () => {
    const asha = await givenStudent(backend);
    const ravi = await givenStudent(backend, 'Ravi');
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const reply = (await brainResponse(asha, conversationId, message.id)).body.message_id;
    for (const path of [`/api/messages/${message.id}/response`, `/api/messages/${reply}/pipeline_steps`]) {
      const response = await backend.request('GET', path, { token: ravi.token });
      expect(response.status, path).toBe(404);
      expect(response.body.detail).toMatch(/not found/);
    }
    const asAdmin = await backend.request('GET', `/api/messages/${reply}/pipeline_steps`, {
      token: backend.adminToken,
    });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toEqual(STEPS);
  });
});

describe("the Brain's callback", () => {
  it('saves one reply however often the Brain repeats it', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const first = await brainResponse(asha, conversationId, message.id);
    const second = await brainResponse(asha, conversationId, message.id, { llm_response: 'A different retry' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ success: true, message_id: first.body.message_id, duplicate: true });
    const replies = (await listMessages(asha, conversationId)).filter((m) => !m.is_user);
    expect(replies.map((m) => m.content)).toEqual(['What colours do you see at sunset?']);
  });

  it('refuses a reply addressed to the wrong conversation or user with 422', async () => {
    const asha = await givenStudent(backend);
    const ravi = await givenStudent(backend, 'Ravi');
    const conversationId = await givenConversation(backend, asha);
    const otherConversation = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    for (const overrides of [{ conversation_id: otherConversation }, { user_id: ravi.id }]) {
      const response = await brainResponse(asha, conversationId, message.id, overrides);
      expect(response.status, JSON.stringify(overrides)).toBe(422);
      expect(response.body.detail).toContain(`Message ${message.id} does not belong`);
    }
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it('refuses a reply to a coach message with 422', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const reply = (await brainResponse(asha, conversationId, message.id)).body.message_id;
    const response = await brainResponse(asha, conversationId, reply);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('not a student message');
  });

  it('refuses text PostgreSQL cannot store with 422 and writes no half of the reply', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const refusals = [
      [{ llm_response: 'a\u0000b' }, 'body.llm_response'],
      [{ pipeline_data: { steps: [{ result: 'a\u0000b' }] } }, 'body.pipeline_data.steps.0.result'],
    ] as const;
    for (const [overrides, field] of refusals) {
      const response = await brainResponse(asha, conversationId, message.id, overrides);
      expect(response.status).toBe(422);
      expect(response.body.detail).toBe(`${field}: Text must not contain the NUL character (U+0000).`);
    }
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
    expect((await brainResponse(asha, conversationId, message.id)).body.duplicate).toBe(false);
  });

  it('refuses a reply without pipeline_data with 422 and saves nothing (the contract requires it)', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);

    const response = await brainResponse(asha, conversationId, message.id, { pipeline_data: undefined });

    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('body.pipeline_data');
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it.each([
    ['user_id', true],
    ['conversation_id', false],
    ['original_message_id', true],
    ['original_message_id', '1'],
    ['prompt_version_id', true],
  ])('refuses %s given as %s with 422: JSON types are strict', async (field, value) => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);

    const response = await brainResponse(asha, conversationId, message.id, { [field]: value });

    expect(response.status).toBe(422);
    expect(response.body.detail).toBe(`body.${field}: must be an integer id`);
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it('refuses pipeline steps that are not a list of objects with 422', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    for (const steps of [['intent_gathering'], 'intent_gathering', [STEPS[0], null]]) {
      const response = await brainResponse(asha, conversationId, message.id, { pipeline_data: { steps } });
      expect(response.status, JSON.stringify(steps)).toBe(422);
      expect(response.body.detail).toMatch(/pipeline_data\.steps/);
    }
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it('answers 404 for a reply to a message that does not exist', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const response = await brainResponse(asha, conversationId, 999_999);
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('Message 999999 not found.');
  });

  it('refuses an unknown prompt_version_id with 422 and writes no reply', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const response = await brainResponse(asha, conversationId, message.id, { prompt_version_id: 999_999 });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('prompt_version_id 999999');
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it('is for the Brain only: 403 with a student token, 401 without a token', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const body = {
      user_id: asha.id,
      conversation_id: conversationId,
      original_message_id: message.id,
      llm_response: 'I wrote my own reply',
      pipeline_data: {},
    };
    const asStudent = await backend.request('POST', '/api/internal/brain_response', { token: asha.token, body });
    expect(asStudent.status).toBe(403);
    const anonymous = await backend.request('POST', '/api/internal/brain_response', { body });
    expect(anonymous.status).toBe(401);
    expect(await listMessages(asha, conversationId)).toHaveLength(1);
  });

  it('gives the Brain the transcript with the internal token only', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId, 'How do volcanoes form?');
    await brainResponse(asha, conversationId, message.id, { llm_response: 'What is under the crust?' });
    const path = `/api/internal/conversations/${conversationId}/messages_for_brain`;
    const transcript = await backend.request('GET', path, { token: backend.internalToken });
    expect(transcript.status).toBe(200);
    expect(transcript.body.success).toBe(true);
    expect(transcript.body.messages.map((m: { content: string; is_user: boolean }) => [m.content, m.is_user])).toEqual([
      ['How do volcanoes form?', true],
      ['What is under the crust?', false],
    ]);
    expect((await backend.request('GET', path, { token: asha.token })).status).toBe(403);
    expect(
      (
        await backend.request('GET', '/api/internal/conversations/999999/messages_for_brain', {
          token: backend.internalToken,
        })
      ).status,
    ).toBe(404);
  });
});

describe('message rate limit', () => {
  let limited: TestBackend;
  beforeAll(async () => {
    limited = await startBackend({ messageRateLimitPerMinute: 2 });
  });
  afterAll(() => limited?.close());

  it('answers 429 with a detail once a student sent the allowed messages of a minute', async () => {
    const asha = await givenStudent(limited);
    const conversationId = await givenConversation(limited, asha);
    await givenMessage(limited, asha, conversationId, 'one');
    await givenMessage(limited, asha, conversationId, 'two');
    const refused = await limited.request('POST', `/api/conversations/${conversationId}/messages`, {
      token: asha.token,
      body: { content: 'three', purpose: 'test' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/at most 2 per minute/);
    const ravi = await givenStudent(limited, 'Ravi');
    const raviConversation = await givenConversation(limited, ravi);
    expect((await givenMessage(limited, ravi, raviConversation, 'mine')).content).toBe('mine');
  });

  it('counts a student once however many access tokens they hold', async () => {
    const asha = await givenStudent(limited);
    const conversationId = await givenConversation(limited, asha);
    const secondToken = issueAccessToken(asha.id, limited.tokenSecret, 3600, Date.now() - 5_000);
    expect(secondToken).not.toBe(asha.token);
    const statuses: number[] = [];
    for (const token of [asha.token, secondToken, asha.token, secondToken]) {
      const response = await limited.request('POST', `/api/conversations/${conversationId}/messages`, {
        token,
        body: { content: 'hello', purpose: 'test' },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});

describe('follow-up turns', () => {
  it('marks the message after a clarification question as its answer, with the question and the original query', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const question = await postMessage(asha, conversationId, { content: 'How does it work?', purpose: 'chat' });
    await backend.request('POST', '/api/internal/brain_response', {
      token: backend.internalToken,
      body: {
        user_id: asha.id,
        conversation_id: conversationId,
        original_message_id: question.body.message.id,
        llm_response: 'Do you mean a volcano or a rainbow?',
        pipeline_data: {
          steps: [],
          needs_clarification: true,
          follow_up_questions: ['Do you mean a volcano or a rainbow?'],
          original_query: 'How does it work?',
        },
      },
    });
    const answer = await postMessage(asha, conversationId, { content: 'A volcano', purpose: 'chat' });
    const job = await deliveredJobFor(answer.body.message.id);
    expect(job).toMatchObject({
      is_follow_up_response: true,
      original_query: 'How does it work?',
      follow_up_questions: ['Do you mean a volcano or a rainbow?'],
    });
  });

  it("stores a clarification reply's typed fields on the coach's message and answers them with it", async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const question = await postMessage(asha, conversationId, { content: 'How does it work?', purpose: 'chat' });
    const clarification = {
      needs_clarification: true,
      follow_up_questions: ['Do you mean a volcano or a rainbow?'],
      original_query: 'How does it work?',
    };
    // the steps say nothing about it: the typed fields alone carry the clarification
    await brainResponse(asha, conversationId, question.body.message.id, {
      llm_response: 'Do you mean a volcano or a rainbow?',
      pipeline_data: { steps: STEPS },
      ...clarification,
    });

    const reply = await backend.request('GET', `/api/messages/${question.body.message.id}/response`, {
      token: asha.token,
    });
    expect(reply.body).toMatchObject({ is_user: false, ...clarification });
    const [asked, answered] = await listMessages(asha, conversationId);
    expect(asked).toEqual({
      id: question.body.message.id,
      content: 'How does it work?',
      is_user: true,
      timestamp: expect.any(String),
    });
    expect(answered).toMatchObject({ id: reply.body.id, ...clarification });

    const answer = await postMessage(asha, conversationId, { content: 'A volcano', purpose: 'chat' });
    expect(await deliveredJobFor(answer.body.message.id)).toMatchObject({
      is_follow_up_response: true,
      original_query: 'How does it work?',
      follow_up_questions: ['Do you mean a volcano or a rainbow?'],
    });
  });

  it('believes the typed fields over the pipeline data when a reply sends both', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const question = await postMessage(asha, conversationId, { content: 'Why is the sea salty?', purpose: 'chat' });
    await brainResponse(asha, conversationId, question.body.message.id, {
      pipeline_data: { steps: [], needs_clarification: true, follow_up_questions: ['Which sea?'] },
      needs_clarification: false,
      follow_up_questions: [],
      original_query: 'Why is the sea salty?',
    });
    const next = await postMessage(asha, conversationId, { content: 'Rocks?', purpose: 'chat' });
    expect((await deliveredJobFor(next.body.message.id)).is_follow_up_response).toBeUndefined();
  });

  it('treats a message after an ordinary reply as a new question', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const first = await postMessage(asha, conversationId, { content: 'Why is the sea salty?', purpose: 'chat' });
    await backend.request('POST', '/api/internal/brain_response', {
      token: backend.internalToken,
      body: {
        user_id: asha.id,
        conversation_id: conversationId,
        original_message_id: first.body.message.id,
        llm_response: 'What do rivers carry to the sea?',
        pipeline_data: { steps: [], needs_clarification: false },
      },
    });
    const next = await postMessage(asha, conversationId, { content: 'Rocks?', purpose: 'chat' });
    const job = await deliveredJobFor(next.body.message.id);
    expect(job.is_follow_up_response).toBeUndefined();
  });
});

describe('replies stored before the clarification columns (migration 0003)', () => {
  /** The migration's backfill statement, as the migrator runs it. */
  async function backfill() {
    const file = new URL('../../../packages/data/src/migrations/0003_typed_clarification.sql', import.meta.url);
    const update = (await readFile(file, 'utf8'))
      .split('--> statement-breakpoint')
      .find((statement) => statement.includes('UPDATE "messages"'));
    await backend.database.pool.query(update!);
  }

  /** A coach reply stored the way the Backend stored it before: its clarification only in its pipeline data. */
  async function givenOldReply(conversationId: number, messageId: number, pipelineData: object) {
    const { rows } = await backend.database.pool.query(
      `insert into messages (conversation_id, content, is_user, responds_to_message_id, purpose)
       values ($1, 'Which one?', false, $2, 'reply') returning id`,
      [conversationId, messageId],
    );
    await backend.database.pool.query('insert into message_pipeline_data (message_id, pipeline_data) values ($1, $2)', [
      rows[0].id,
      pipelineData,
    ]);
  }

  it('reads their clarification out of their pipeline data, so they read and drive a follow-up as before', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const question = await givenMessage(backend, asha, conversationId, 'Tell me about it');
    await givenOldReply(conversationId, question.id, {
      steps: [],
      needs_clarification: true,
      follow_up_questions: ['Volcanoes or oceans?', 7],
      query: 'Tell me about it',
    });

    await backfill();

    const reply = await backend.request('GET', `/api/messages/${question.id}/response`, { token: asha.token });
    expect(reply.body).toMatchObject({
      content: 'Which one?',
      needs_clarification: true,
      follow_up_questions: ['Volcanoes or oceans?'],
      original_query: 'Tell me about it',
    });
    const answer = await postMessage(asha, conversationId, { content: 'Volcanoes', purpose: 'chat' });
    expect(await deliveredJobFor(answer.body.message.id)).toMatchObject({
      is_follow_up_response: true,
      original_query: 'Tell me about it',
      follow_up_questions: ['Volcanoes or oceans?'],
    });
  });

  it('leaves an ordinary reply an ordinary one', async () => {
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const question = await givenMessage(backend, asha, conversationId, 'Why is the sky blue?');
    await givenOldReply(conversationId, question.id, {
      steps: [],
      needs_clarification: 'yes',
      original_query: 'Why is the sky blue?',
    });

    await backfill();

    const reply = await backend.request('GET', `/api/messages/${question.id}/response`, { token: asha.token });
    expect(reply.body).toMatchObject({
      needs_clarification: false,
      follow_up_questions: [],
      original_query: 'Why is the sky blue?',
    });
  });
});
