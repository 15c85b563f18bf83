import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_TURN_SAFETY, SAFE_COACH_FALLBACK_TEXT } from '@coach/core';
import { createProviderModeration } from '@coach/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student, startBackend, type TestBackend } from './harness.ts';

// The provider's moderation endpoint, asked through the `openai` SDK, here a loopback server speaking
// the OpenAI moderation API: each test scripts which categories it flags (or a failure).
type Answer = { flagged: string[] } | { status: number };
let answers: Answer[] = [];
const asked: Array<{ path: string; headers: IncomingHttpHeaders; body: { model: string; input: string } }> = [];
const moderationServer = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    asked.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(body) });
    const answer = answers.shift() ?? { flagged: [] };
    response.setHeader('content-type', 'application/json');
    if ('status' in answer) {
      response.statusCode = answer.status;
      return response.end(JSON.stringify({ error: { message: 'down', type: 'server_error', code: null } }));
    }
    const categories = Object.fromEntries(
      ['harassment', 'hate', 'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors']
        .concat(['violence', 'violence/graphic', 'harassment/threatening'])
        .map((key) => [key, answer.flagged.includes(key)]),
    );
    response.end(
      JSON.stringify({
        id: 'modr-1',
        model: 'omni-moderation-latest',
        results: [
          { flagged: answer.flagged.length > 0, categories, category_scores: {}, category_applied_input_types: {} },
        ],
      }),
    );
  });
});

let backend: TestBackend;
const failures: unknown[] = [];
beforeAll(async () => {
  await new Promise<void>((resolve) => moderationServer.listen(0, '127.0.0.1', resolve));
  const { port } = moderationServer.address() as AddressInfo;
  const moderate = createProviderModeration({
    apiKey: 'sk-test-moderation',
    baseURL: `http://127.0.0.1:${port}/v1`,
    onError: (error) => failures.push(error),
  });
  backend = await startBackend({ safety: { ...DEFAULT_TURN_SAFETY, moderate } });
});
afterAll(async () => {
  await backend?.close();
  await new Promise((resolve) => moderationServer.close(resolve));
});

let seq = 0;
async function givenChat(): Promise<{ student: Student; conversationId: number }> {
  const student = await givenStudent(backend, `Mod${Date.now() % 1e7}${seq++}`);
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

async function alertsAbout(messageId: number) {
  const open = await backend.request('GET', '/api/admin/safety/alerts?limit=500', { token: backend.adminToken });
  return open.body.filter((alert: { message_id: number }) => alert.message_id === messageId);
}

describe("the provider's moderation beside the built-in screen", () => {
  it('catches what the patterns miss: self-harm intent gets the safe reply and an alert', async () => {
    answers = [{ flagged: ['self-harm', 'self-harm/intent'] }];
    const { student, conversationId } = await givenChat();
    const before = asked.length;
    // a paraphrase the built-in patterns do not catch (docs/SAFETY.md lists it among the misses)
    const messageId = await post(student, conversationId, "I have a rope and I'm ready");

    expect(asked.slice(before)).toHaveLength(1);
    expect(asked[before]!.path).toBe('/v1/moderations');
    expect(asked[before]!.headers.authorization).toBe('Bearer sk-test-moderation');
    expect(asked[before]!.body).toEqual({ model: 'omni-moderation-latest', input: "I have a rope and I'm ready" });
    const reply = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(reply.body.content).toBe(DEFAULT_TURN_SAFETY.safeReply);
    const [alert] = await alertsAbout(messageId);
    expect(alert).toMatchObject({ category: 'self_harm', severity: 'high', message_id: messageId });
  });

  it('lets a message through when neither flags it, and when the provider cannot be asked (500)', async () => {
    const { student, conversationId } = await givenChat();
    answers = [{ flagged: [] }];
    const fine = await post(student, conversationId, 'how did the volcano kill the dinosaurs?');
    answers = [{ status: 500 }, { status: 500 }];
    const failuresBefore = failures.length;
    const unasked = await post(student, conversationId, 'Why is the sky blue?');

    for (const messageId of [fine, unasked]) {
      expect(
        (await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token })).status,
      ).toBe(202);
      expect(await alertsAbout(messageId)).toEqual([]);
    }
    expect(failures.length).toBe(failuresBefore + 1);
  });

  it('still blocks on the built-in screen when the provider is down', async () => {
    answers = [{ status: 500 }, { status: 500 }];
    const { student, conversationId } = await givenChat();
    const messageId = await post(student, conversationId, 'I want to kill myself');
    expect(await alertsAbout(messageId)).toHaveLength(1);
  });

  it("replaces a coach reply the provider flags (violence), keeping the provider's flag", async () => {
    const { student, conversationId } = await givenChat();
    answers = [{ flagged: [] }];
    const messageId = await post(student, conversationId, 'Tell me a story about knights');
    answers = [{ flagged: ['violence', 'violence/graphic'] }];
    const posted = await backend.request('POST', '/api/internal/brain_response', {
      token: backend.internalToken,
      body: {
        user_id: student.id,
        conversation_id: conversationId,
        original_message_id: messageId,
        llm_response: 'A scene the patterns let through, which the provider calls graphic violence.',
        pipeline_data: { steps: [] },
      },
    });
    expect(posted.status).toBe(202);
    const reply = await backend.request('GET', `/api/messages/${messageId}/response`, { token: student.token });
    expect(reply.body.content).toBe(SAFE_COACH_FALLBACK_TEXT);
    const exported = await backend.request('GET', `/api/admin/users/${student.id}/export`, {
      token: backend.adminToken,
    });
    const [, stored] = exported.body.conversations[0].messages;
    expect(stored.safety_flags).toEqual([
      { category: 'violence', severity: 'medium', rule: 'provider.violence/graphic' },
      { category: 'violence', severity: 'medium', rule: 'provider.violence' },
    ]);
  });
});
