import { Writable } from 'node:stream';
import { createLogger, type JobQueue } from '@coach/runtime';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../../apps/backend/src/auth/tokens.ts';
import { givenConversation, givenStudent, startBackend, type TestBackend } from '../../../apps/backend/test/harness.ts';

// What a student tells the coach, and who they are, never reaches the logs; nor does any token.

const captured: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    captured.push(String(chunk));
    done();
  },
});

const SECRET_MESSAGE = 'my-secret-is-purple-giraffe-42';
// a message that makes the enqueue fail inside the transaction with the message as a query parameter
const EXPLODING_MESSAGE = 'explode-turquoise-walrus-17';
const PHONE = '9876543210';
const STAFF_PASSWORD = 'lilac-otter-password-31';
const NEW_STAFF_PASSWORD = 'amber-heron-password-58';

/** A queue whose chat-turn enqueue fails on a query error for one message, as a broken database would. */
function failingFor(queue: JobQueue): JobQueue {
  return {
    ...queue,
    async send(name, data, options) {
      const content = (data as { message_content?: string }).message_content;
      if (content === EXPLODING_MESSAGE && options?.tx) {
        await (options.tx as { execute: (q: unknown) => Promise<unknown> }).execute(sql`select ${content}::int`);
      }
      return queue.send(name, data, options);
    },
  };
}

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({}, { logger: createLogger('trace', 'backend', sink), wrapQueue: failingFor });
});
afterAll(() => backend?.close());

describe('the Backend’s logs at trace level', () => {
  it('hold no token, password, phone number, student name or message text, through logins, chats, operator work and failures', async () => {
    const asha = await givenStudent(backend, 'Zanzibarina');
    const byPhone = await backend.request('POST', '/api/auth/login', { body: { identifier: `+91 ${PHONE}` } });
    await backend.request('POST', '/api/auth/login/phone', { body: { phone_number: PHONE } });
    const conversationId = await givenConversation(backend, asha, 'Secret garden plans');
    const send = (content: string, purpose = 'chat') =>
      backend.request('POST', `/api/conversations/${conversationId}/messages`, {
        token: asha.token,
        body: { content, purpose },
      });
    expect((await send(SECRET_MESSAGE)).status).toBe(200);
    expect((await send(EXPLODING_MESSAGE)).status).toBe(500);
    await send(`${SECRET_MESSAGE}${'!'.repeat(9_000)}`);
    await backend.request('POST', '/api/feedback/', {
      token: asha.token,
      body: { feedback_data: { c: SECRET_MESSAGE } },
    });
    await backend.request('POST', '/api/conversations', { token: asha.token, rawBody: `{"title": "${SECRET_MESSAGE}` });

    const admin = { token: backend.adminToken };
    await backend.request('GET', `/api/admin/users?query=${asha.name}`, admin);
    await backend.request('GET', `/api/admin/users?query=${PHONE}`, admin);
    await backend.request('GET', `/api/admin/users/${asha.id}/export`, admin);
    await backend.request('GET', '/api/prompts', { token: backend.internalToken });
    await backend.request('GET', '/api/admin/users', { token: asha.token });
    await backend.request('GET', '/api/auth/me', { token: `${asha.token}x` });
    await backend.request('GET', '/api/auth/me', { token: issueAccessToken(asha.id, backend.tokenSecret, 1, 0) });
    await backend.request('GET', `/api/auth/me?token=${asha.token}`);
    await backend.request('DELETE', `/api/admin/users/${byPhone.body.user.id}`, admin);

    // staff: creating a member, a wrong and a right sign-in, a password change, a refused weak one
    const member = { email: 'quill.staff@school.test', name: 'Quill', role: 'admin', password: STAFF_PASSWORD };
    await backend.request('POST', '/api/admin/staff', { ...admin, body: member });
    await backend.request('POST', '/api/staff/login', { body: { email: member.email, password: 'wrong-but-long-pw' } });
    const staff = await backend.request('POST', '/api/staff/login', {
      body: { email: member.email, password: STAFF_PASSWORD },
    });
    const staffToken = { token: staff.body.access_token as string };
    await backend.request('GET', '/api/admin/audit', staffToken);
    await backend.request('POST', '/api/staff/me/password', {
      ...staffToken,
      body: { current_password: STAFF_PASSWORD, new_password: 'short' },
    });
    await backend.request('POST', '/api/staff/me/password', {
      ...staffToken,
      body: { current_password: STAFF_PASSWORD, new_password: NEW_STAFF_PASSWORD },
    });

    const logs = captured.join('');
    expect(logs).toContain('unhandled error');
    expect(logs).toContain('incoming request');
    const secrets = {
      'student token': asha.token,
      'admin token': backend.adminToken,
      'internal token': backend.internalToken,
      'token secret': backend.tokenSecret,
      'phone number': PHONE,
      'student name': 'Zanzibarina',
      'message text': SECRET_MESSAGE,
      'message text of the failed turn': EXPLODING_MESSAGE,
      'conversation title': 'Secret garden',
      'staff token': staffToken.token,
      'staff password': STAFF_PASSWORD,
      'new staff password': NEW_STAFF_PASSWORD,
      'wrong staff password': 'wrong-but-long-pw',
    };
    const leaked = Object.entries(secrets).flatMap(([what, value]) => (logs.includes(value) ? [what] : []));
    expect(leaked).toEqual([]);
  });
});
