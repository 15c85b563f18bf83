import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent } from '../../backend/test/harness.ts';
import { startSystem, type TestSystem, waitForReply } from './system.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.close());

describe('a chat turn end to end', () => {
  it('answers a student message with a coach reply from the offline model', async () => {
    const asha = await givenStudent(system.backend);
    const conversationId = await givenConversation(system.backend, asha);
    const sent = await system.backend.request('POST', `/api/conversations/${conversationId}/messages`, {
      token: asha.token,
      body: { content: 'Why do volcanoes erupt?' },
    });
    const reply = await waitForReply(system, asha.token, sent.body.message.id);
    expect(reply.status).toBe(200);
    expect(reply.body.is_user).toBe(false);
    expect(reply.body.content).toContain('volcano');
    expect(reply.body.content.trim().endsWith('?')).toBe(true);
  });
});
