import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from './http-app.ts';

let opened: HttpApp | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** An app from the factory with one route that echoes a validated body. */
async function givenApp(options: { bodyLimit?: number } = {}) {
  const app = await createHttpApp({ api: { title: 'Test API', description: 'For the factory test.' }, ...options });
  opened = app;
  app.post('/echo', { schema: { body: z.object({ name: z.string() }) } }, async (request) => ({
    hello: request.body.name,
  }));
  return app;
}

describe('the HTTP app both services build on', () => {
  it("answers with the caller's request id, or a new one", async () => {
    const app = await givenApp();

    const given = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'x-request-id': 'abc-1' },
      payload: { name: 'Asha' },
    });
    const fresh = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'Asha' } });

    expect(given.headers['x-request-id']).toBe('abc-1');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('validates bodies with their zod schema and answers a refusal with a detail', async () => {
    const app = await givenApp();

    const refused = await app.inject({ method: 'POST', url: '/echo', payload: { name: 7 } });

    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/^body\.name: /);
  });

  it('refuses text that could not be stored, and bodies over the limit', async () => {
    const app = await givenApp({ bodyLimit: 100 });

    const nul = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'a\u0000b' } });
    const large = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'x'.repeat(200) } });

    expect(nul.statusCode).toBe(422);
    expect(large.statusCode).toBe(413);
    expect(large.json().detail).toBe('The request body is too large.');
  });

  it('describes its routes in OpenAPI at /docs/json, with bearer tokens', async () => {
    const app = await givenApp();

    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();

    expect(document.info.title).toBe('Test API');
    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(document.paths)).toContain('/echo');
  });
});

describe('closing', () => {
  it('ends the keep-alive connection of a request that was running when closing began, so closing finishes', async () => {
    const app = await createHttpApp({ api: { title: 'Test API', description: 'For the factory test.' } });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    app.get('/slow', async () => {
      started();
      await released;
      return { done: true };
    });
    // the request finishes once closing has begun (after the factory's own preClose hook)
    app.addHook('preClose', async () => release());
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const agent = new http.Agent({ keepAlive: true });

    const answer = new Promise<{ connection: string | undefined; socketClosed: Promise<void> }>((resolve, reject) => {
      const request = http.get(`${address}/slow`, { agent }, (response) => {
        response.resume();
        const socketClosed = new Promise<void>((closed) => request.socket?.once('close', () => closed()));
        resolve({ connection: response.headers.connection, socketClosed });
      });
      request.on('error', reject);
    });
    await running;
    const closed = app.close();
    const { connection, socketClosed } = await answer;
    await socketClosed;
    await closed;
    agent.destroy();

    expect(connection).toBe('close');
  });
});
