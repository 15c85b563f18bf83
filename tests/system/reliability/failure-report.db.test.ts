import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../../apps/backend/test/harness.ts';
import { type RunningBrain, startBrainService } from '../../../apps/brain/src/server.ts';
import { readBody } from '../../../apps/brain/test/openai-test-server.ts';
import { withChatTurnRetry } from '../../../apps/brain/test/system.ts';
import { chatTurn, loginStudent, newConversation } from './api.ts';
import { type FaultyLlm, startFaultyLlm } from './faulty-llm.ts';

// A turn fails for good (the model's answer is never usable) and the Brain cannot even report that: the
// Backend's brain_failure route is unreachable through the proxy the Brain talks to. Before the
// chat-turn dead letter the student's message stayed 202 forever.
let llm: FaultyLlm;
let proxy: Server;
let backend: TestBackend;
let brain: RunningBrain;
beforeAll(async () => {
  llm = await startFaultyLlm({ failureRate: 1, kinds: ['not-json'] });
  backend = await startBackend(
    {},
    { wrapQueue: (queue) => withChatTurnRetry(queue, { retryLimit: 1, retryDelaySeconds: 0 }) },
  );
  proxy = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/api/internal/brain_failure') {
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ detail: 'the failure report is lost on the way' }));
    }
    const answer = await fetch(`${backend.url}${req.url}`, {
      method: req.method,
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      body: body === '' ? undefined : body,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  brain = await startBrainService({
    env: { LLM_CONFIG: llm.configPath },
    queue: backend.queue,
    tokens: { internalToken: backend.internalToken, adminToken: backend.adminToken },
    logger: pino({ level: 'silent' }) as FastifyBaseLogger,
    config: { port: 0, host: '127.0.0.1', backendUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
  });
});
afterAll(async () => {
  await brain?.stop();
  await backend?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await llm?.close();
});

describe('a chat turn whose failure cannot be reported', () => {
  it('still ends in a failed state the student can see', async () => {
    const student = await loginStudent(backend, 'Unreported');
    const conversationId = await newConversation(backend, student);

    const outcome = await chatTurn(backend, student, conversationId, 'Why do volcanoes erupt?', 20_000);

    expect(outcome).toMatchObject({ kind: 'failed', detail: expect.stringContaining('The coach could not answer') });
  });
});
