import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../src/safety-alerts/service.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../src/safety-alerts/webhook.ts';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type Student,
  startBackend,
  type TestBackend,
} from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

let seq = 0;
const freshStudent = (b = backend) => givenStudent(b, `Safe${Date.now() % 1e7}${seq++}`);

const admin = (method: string, path: string, body?: unknown, b = backend) =>
  b.request(method, path, { token: b.adminToken, body });

/** An alert about a stored message of the student, raised as the turn's path raises one. */
async function givenAlert(student: Student, content = 'a message the screen flagged', b = backend) {
  const conversationId = await givenConversation(b, student);
  const message = await givenMessage(b, student, conversationId, content);
  const alert = await b.database.db.transaction((tx) =>
    raiseAlert(
      tx,
      b.queue,
      { userId: student.id, conversationId, messageId: message.id, category: 'self_harm', severity: 'high', content },
      { webhook: b.config.safetyWebhookUrl !== undefined },
    ),
  );
  return { alertId: alert.id, conversationId, messageId: message.id };
}

describe('safety alerts for adults', () => {
  it('lists open alerts newest first, with the student, the message and a short excerpt', async () => {
    const asha = await freshStudent();
    const older = await givenAlert(asha);
    const newer = await givenAlert(asha, `I feel alone ${'and nobody listens '.repeat(30)}`);

    const open = await admin('GET', '/api/admin/safety/alerts?status=open');
    expect(open.status).toBe(200);
    const ids = open.body.map((a: { id: number }) => a.id);
    expect(ids.indexOf(newer.alertId)).toBeLessThan(ids.indexOf(older.alertId));
    const shown = open.body.find((a: { id: number }) => a.id === newer.alertId);
    expect(shown).toMatchObject({
      user_id: asha.id,
      name: asha.name,
      conversation_id: newer.conversationId,
      message_id: newer.messageId,
      category: 'self_harm',
      severity: 'high',
      status: 'open',
      note: null,
      resolved_at: null,
    });
    expect(shown.excerpt.length).toBeLessThanOrEqual(200);
    expect(shown.excerpt).toMatch(/^I feel alone and nobody listens .*…$/);
  });

  it('is open by default and refuses another status with 422', async () => {
    const asha = await freshStudent();
    const { alertId } = await givenAlert(asha);
    const byDefault = await admin('GET', '/api/admin/safety/alerts');
    expect(byDefault.body.map((a: { id: number }) => a.id)).toContain(alertId);
    const invalid = await admin('GET', '/api/admin/safety/alerts?status=closed');
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail).toContain('must be open or resolved');
  });

  it('resolves an alert once with a note: it moves to resolved, a second resolve is 409', async () => {
    const asha = await freshStudent();
    const { alertId } = await givenAlert(asha);

    const resolved = await admin('POST', `/api/admin/safety/alerts/${alertId}/resolve`, {
      note: 'Spoke with the class teacher; parents called.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      id: alertId,
      status: 'resolved',
      note: 'Spoke with the class teacher; parents called.',
      resolved_at: expect.any(String),
    });

    const open = await admin('GET', '/api/admin/safety/alerts?status=open');
    expect(open.body.map((a: { id: number }) => a.id)).not.toContain(alertId);
    const done = await admin('GET', '/api/admin/safety/alerts?status=resolved');
    expect(done.body.map((a: { id: number }) => a.id)).toContain(alertId);

    const again = await admin('POST', `/api/admin/safety/alerts/${alertId}/resolve`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`Safety alert ${alertId} is resolved, not open.`);
  });

  it('resolves without a note, and answers 404 for an alert that does not exist', async () => {
    const asha = await freshStudent();
    const { alertId } = await givenAlert(asha);
    const resolved = await admin('POST', `/api/admin/safety/alerts/${alertId}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.note).toBeNull();
    expect((await admin('POST', '/api/admin/safety/alerts/999999/resolve', {})).status).toBe(404);
  });

  it('is for operators: a student token is refused (403), no token is 401', async () => {
    const asha = await freshStudent();
    const { alertId } = await givenAlert(asha);
    const asStudent = (method: string, path: string) =>
      backend.request(method, path, { token: asha.token, ...(method === 'POST' && { body: {} }) });
    expect((await asStudent('GET', '/api/admin/safety/alerts')).status).toBe(403);
    expect((await asStudent('POST', `/api/admin/safety/alerts/${alertId}/resolve`)).status).toBe(403);
    expect((await backend.request('GET', '/api/admin/safety/alerts')).status).toBe(401);
    const internal = await backend.request('GET', '/api/admin/safety/alerts', { token: backend.internalToken });
    expect(internal.status).toBe(403);
    // nothing changed
    const open = await admin('GET', '/api/admin/safety/alerts');
    expect(open.body.map((a: { id: number }) => a.id)).toContain(alertId);
  });

  it('goes with its student when the student is erased', async () => {
    const asha = await freshStudent();
    const { alertId } = await givenAlert(asha);
    expect((await admin('DELETE', `/api/admin/users/${asha.id}`)).status).toBe(204);
    const { rows } = await backend.database.pool.query('select 1 from safety_alerts where id = $1', [alertId]);
    expect(rows).toEqual([]);
  });
});

interface Delivery {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A loopback HTTP server standing in for the school's system: answers each post with the next status. */
async function startReceiver(statuses: number[]) {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      deliveries.push({ body, headers: request.headers });
      response.statusCode = statuses[deliveries.length - 1] ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/safety`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the safety webhook', () => {
  const secret = 'webhook-secret-of-the-school-0123';

  it('receives each new alert once, signed, with ids and no words of the child', async () => {
    const receiver = await startReceiver([204]);
    const hooked = await startBackend({ safetyWebhookUrl: receiver.url, safetyWebhookSecret: secret });
    try {
      const asha = await freshStudent(hooked);
      const { alertId, conversationId, messageId } = await givenAlert(asha, 'words that stay inside', hooked);
      await until(() => receiver.deliveries.length === 1, 10_000);
      // a completed delivery is not sent again
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(receiver.deliveries).toHaveLength(1);

      const [delivery] = receiver.deliveries;
      expect(JSON.parse(delivery!.body)).toEqual({
        type: 'safety_alert.created',
        alert: {
          id: alertId,
          user_id: asha.id,
          conversation_id: conversationId,
          message_id: messageId,
          category: 'self_harm',
          severity: 'high',
          created_at: expect.any(String),
        },
      });
      expect(delivery!.body).not.toContain('words that stay inside');
      expect(delivery!.headers[DELIVERY_HEADER]).toBe(`safety-alert-${alertId}`);
      const timestamp = delivery!.headers[TIMESTAMP_HEADER] as string;
      expect(delivery!.headers[SIGNATURE_HEADER]).toBe(signWebhook(secret, timestamp, delivery!.body));
    } finally {
      await hooked.close();
      await receiver.close();
    }
  });

  it('retries a delivery the receiver refused (500) until it is accepted, then stops', async () => {
    const receiver = await startReceiver([500, 200]);
    const hooked = await startBackend({ safetyWebhookUrl: receiver.url, safetyWebhookSecret: secret });
    try {
      const asha = await freshStudent(hooked);
      const { alertId } = await givenAlert(asha, 'another flagged message', hooked);
      await until(() => receiver.deliveries.length === 2, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(receiver.deliveries).toHaveLength(2);
      const [first, second] = receiver.deliveries;
      expect(JSON.parse(second!.body)).toEqual(JSON.parse(first!.body));
      expect(second!.headers[DELIVERY_HEADER]).toBe(`safety-alert-${alertId}`);
    } finally {
      await hooked.close();
      await receiver.close();
    }
  });
});
