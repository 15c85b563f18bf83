import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from './http-errors.ts';

/** A route that fails with `error`, behind the shared error handler. */
async function answerTo(error: Error) {
  const app = Fastify();
  installErrorHandler(app);
  app.get('/fails', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'GET', url: '/fails' });
  await app.close();
  return { status: response.statusCode, body: response.json() };
}

/** How drizzle hands on a driver error: wrapped, the driver's error as the cause. */
function wrapped(cause: Error & { code?: string }) {
  return new Error('Failed query: select 1', { cause });
}

describe('the error handler when the database is not there', () => {
  it('answers 503 while the server refuses connections', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

    const answer = await answerTo(wrapped(refused));

    expect(answer.status).toBe(503);
    expect(answer.body.detail).toMatch(/database is not reachable/);
  });

  it('answers 503 while the server shuts down or starts up', async () => {
    for (const code of ['57P01', '57P03']) {
      const answer = await answerTo(wrapped(Object.assign(new Error('terminating connection'), { code })));
      expect(answer.status).toBe(503);
    }
  });

  it('answers 503 for a connection the server dropped', async () => {
    const answer = await answerTo(wrapped(new Error('Connection terminated unexpectedly')));

    expect(answer.status).toBe(503);
  });

  it('still answers 500 for a failure of our own', async () => {
    const answer = await answerTo(new Error('a bug'));

    expect(answer.status).toBe(500);
  });
});

describe('the error handler when a row refers to one that does not exist', () => {
  it('answers 404 naming the missing parent row', async () => {
    const violation = Object.assign(new Error('insert or update violates foreign key constraint'), {
      code: '23503',
      detail: 'Key (conversation_id)=(42) is not present in table "conversations".',
    });

    const answer = await answerTo(wrapped(violation));

    expect(answer.status).toBe(404);
    expect(answer.body.detail).toBe('Conversation 42 not found.');
  });

  it('leaves a delete of a row still referenced to the unhandled path', async () => {
    const violation = Object.assign(new Error('update or delete violates foreign key constraint'), {
      code: '23503',
      detail: 'Key (id)=(1) is still referenced from table "messages".',
    });

    expect((await answerTo(wrapped(violation))).status).toBe(500);
  });
});
