import { isDeepStrictEqual } from 'node:util';
import { type Database, openDatabase, queueConnection } from '@coach/data';
import { type JobQueue, startQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task } from '../../../apps/backend/test/generation.ts';
import { type RunningBrain, startBrainService } from '../../../apps/brain/src/server.ts';
import { startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';
import { chatTurn, loginStudent, newConversation, queryThrough } from './api.ts';
import { type FaultyLlm, startFaultyLlm } from './faulty-llm.ts';
import { readTurnLedger } from './invariants.ts';

// Item 3: many callers at once. The model answers every call, slowly enough that the callers overlap.
let llm: FaultyLlm;
let system: TestSystem;
let secondQueue: JobQueue;
let secondBrain: RunningBrain;
let secondDatabase: Database;
beforeAll(async () => {
  // a patient client: on a busy machine a slow answer must not time out, faults are not the point here
  llm = await startFaultyLlm({ failureRate: 0, latencyMs: 200, clientTimeoutMs: 15_000 });
  system = await startSystem({ env: { LLM_CONFIG: llm.configPath } });
  // a second Brain with a pg-boss instance of its own, as a second process would have
  secondQueue = await startQueue(queueConnection(system.backend.database));
  secondDatabase = openDatabase({ databaseUrl: system.backend.database.connectionString });
  secondBrain = await startBrainService({
    database: secondDatabase,
    env: { LLM_CONFIG: llm.configPath },
    queue: secondQueue,
    tokens: { internalToken: system.backend.internalToken, adminToken: system.backend.adminToken },
    logger: pino({ level: 'silent' }) as FastifyBaseLogger,
    config: { port: 0, host: '127.0.0.1', backendUrl: system.backend.url },
  });
});
afterAll(async () => {
  await secondBrain?.stop();
  await secondQueue?.stop();
  await secondDatabase?.close();
  await system?.close();
  await llm?.close();
});

const query = () => queryThrough(system.backend.database);
const callsOf = (callType: string) => llm.calls[callType] ?? 0;

describe('callers at the same time', () => {
  it('runs one generation for 20 simultaneous persona requests, and every caller gets its answer', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 3, { name: 'Twenty' });
    const memoryCalls = callsOf('memory_generation');
    const personaCalls = callsOf('user_persona_generation');

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        task(system.backend, `/api/tasks/generate-persona-for-user/${student.id}?sync=${i % 2 === 0}`),
      ),
    );
    const sync = answers.filter((_, i) => i % 2 === 0);
    const queued = answers.filter((_, i) => i % 2 === 1);
    const jobs = await query()(`select id, state from generation_jobs where user_id = ${student.id}`);
    const personas = await query()(
      `select created_at = updated_at as written_once from user_personas where user_id = ${student.id}`,
    );

    expect(sync.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(queued.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.body.job_id))).toEqual(new Set([jobs[0]!.id]));
    expect(jobs).toEqual([{ id: jobs[0]!.id, state: 'completed' }]);
    expect(answers.filter((a) => a.body.joined === false)).toHaveLength(1);
    // every sync caller read the same persona and counts; only `joined` tells the first caller apart
    const withoutJoined = ({ joined: _joined, ...rest }: Record<string, unknown>) => rest;
    for (const answer of sync) expect(withoutJoined(answer.body)).toEqual(withoutJoined(sync[0]!.body));
    expect(sync[0]!.body.persona.persona_data.persona).toEqual(expect.any(String));
    expect(callsOf('memory_generation') - memoryCalls).toBe(3);
    expect(callsOf('user_persona_generation') - personaCalls).toBe(1);
    // one row, written once (an upsert over it would have moved updated_at)
    expect(personas).toEqual([{ written_once: true }]);
  });

  it('keeps one memory row and one persona row under 20 concurrent upserts of each', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 1, { name: 'Upserts' });
    const memories = Array.from({ length: 20 }, (_, i) => ({
      main_topics: [`topic ${i}`],
      action: [],
      typical_observation: `writer ${i}`,
    }));
    const personas = Array.from({ length: 20 }, (_, i) => ({ persona: `writer ${i}` }));

    const answers = await Promise.all([
      ...memories.map((memory_data) =>
        system.backend.request('POST', '/api/memories', {
          token: system.backend.internalToken,
          body: { conversation_id: conversationIds[0], memory_data },
        }),
      ),
      ...personas.map((persona_data) =>
        system.backend.request('POST', '/api/user-personas', {
          token: system.backend.adminToken,
          body: { user_id: student.id, persona_data },
        }),
      ),
    ]);
    const memoryRows = await query()(
      `select id, memory_data from conversation_memories where conversation_id = ${conversationIds[0]}`,
    );
    const personaRows = await query()(`select id, persona_data from user_personas where user_id = ${student.id}`);

    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(memoryRows).toHaveLength(1);
    expect(personaRows).toHaveLength(1);
    expect(new Set(answers.slice(0, 20).map((a) => a.body.id))).toEqual(new Set([memoryRows[0]!.id]));
    expect(new Set(answers.slice(20).map((a) => a.body.id))).toEqual(new Set([personaRows[0]!.id]));
    // the last writer wins whole: never a mix of two writes
    expect(memories.some((m) => isDeepStrictEqual(m, memoryRows[0]!.memory_data))).toBe(true);
    expect(personas.some((p) => isDeepStrictEqual(p, personaRows[0]!.persona_data))).toBe(true);
  });

  it('answers every message once with two Brains working the same queue', async () => {
    const students = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const student = await loginStudent(system.backend, `Two Brains ${i}`);
        return { student, conversationId: await newConversation(system.backend, student) };
      }),
    );
    const chatCalls = callsOf('simplified_conversation');

    const outcomes = await Promise.all(
      students.flatMap(({ student, conversationId }) =>
        [0, 1, 2, 3].map(async (t) => {
          // a student's messages go one after another, as from one browser
          await new Promise((resolve) => setTimeout(resolve, t * 50));
          return chatTurn(system.backend, student, conversationId, `Why is the sky blue? (${t})`, 30_000);
        }),
      ),
    );
    const ledger = await readTurnLedger(query());

    expect(outcomes.filter((o) => o.kind !== 'replied')).toEqual([]);
    expect(ledger.duplicated).toBe(0);
    expect(ledger.pending).toBe(0);
    // each turn was worked once: one model call each
    expect(callsOf('simplified_conversation') - chatCalls).toBe(24);
  });
});
