import { type Database, openDatabase } from '@coach/data';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../../apps/backend/test/harness.ts';
import { type RunningBrain, startBrainService } from '../../../apps/brain/src/server.ts';
import { withChatTurnRetry } from '../../../apps/brain/test/system.ts';
import { chatTurn, loginStudent, newConversation } from './api.ts';
import { type FaultyLlm, startFaultyLlm } from './faulty-llm.ts';

// A turn fails for good (the model's answer is never usable) and the Brain cannot even record that: its
// writes of a failure are refused by the database (a trigger that refuses them from the Brain's own
// connections, named by application_name). Before the chat-turn dead letter the student's message stayed
// 202 forever.
let llm: FaultyLlm;
let backend: TestBackend;
let brainDatabase: Database;
let brain: RunningBrain;
beforeAll(async () => {
  llm = await startFaultyLlm({ failureRate: 1, kinds: ['not-json'] });
  backend = await startBackend(
    {},
    { wrapQueue: (queue) => withChatTurnRetry(queue, { retryLimit: 1, retryDelaySeconds: 0 }) },
  );
  await backend.database.pool.query(`
    create function refuse_brain_failure() returns trigger language plpgsql as $$
    begin
      if current_setting('application_name') = 'unreporting-brain' then
        raise exception 'the failure report is lost on the way';
      end if;
      return new;
    end $$;
    create trigger refuse_brain_failure before update of reply_error on messages
      for each row execute function refuse_brain_failure();
  `);
  const url = new URL(backend.database.connectionString);
  url.searchParams.set('application_name', 'unreporting-brain');
  brainDatabase = openDatabase({ databaseUrl: url.toString() });
  brain = await startBrainService({
    env: { LLM_CONFIG: llm.configPath },
    database: brainDatabase,
    queue: backend.queue,
    tokens: { internalToken: backend.internalToken, adminToken: backend.adminToken },
    logger: pino({ level: 'silent' }) as FastifyBaseLogger,
    config: { port: 0, host: '127.0.0.1', backendUrl: backend.url },
  });
});
afterAll(async () => {
  await brain?.stop();
  await brainDatabase?.close();
  await backend?.close();
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
