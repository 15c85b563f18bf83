import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudentWithConversations, task } from '../../../apps/backend/test/generation.ts';
import { startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';
import { type FaultyLlm, startFaultyLlm } from './faulty-llm.ts';

// Issue 16: a budgeted memory refresh under a model that fails 30 % of its calls stops at its budget with
// the failed calls counted, and resumed (a budget a run) it ends with every conversation accounted for:
// none lost, none generated twice.
const BUDGET = 5;
const CONVERSATIONS = 8;

let llm: FaultyLlm;
let system: TestSystem;
beforeAll(async () => {
  llm = await startFaultyLlm({ failureRate: 0.3, seed: 16, latencyMs: 5, clientTimeoutMs: 500, clientRetries: 3 });
  system = await startSystem({ env: { LLM_CONFIG: llm.configPath } });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
});

const admin = () => ({ token: system.backend.adminToken });

async function settled(jobId: number) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
    const job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
    if (['completed', 'failed', 'stopped'].includes(job.body.state)) return job.body;
  }
  throw new Error(`job ${jobId} did not settle`);
}

/** The job's memory calls in the ledger, each attempt a row. */
async function memoryCalls(jobId: number) {
  await system.brain.flushUsage();
  const rows = await system.backend.database.pool.query(
    `select conversation_id, outcome from model_calls where job_id = $1 and call_type = 'memory_generation'`,
    [jobId],
  );
  return rows.rows as { conversation_id: number; outcome: 'ok' | 'failed' }[];
}

async function storedMemories(conversationIds: number[]) {
  const rows = await system.backend.database.pool.query(
    'select conversation_id, updated_at from conversation_memories where conversation_id = any($1)',
    [conversationIds],
  );
  return new Map(rows.rows.map((row) => [row.conversation_id as number, (row.updated_at as Date).toISOString()]));
}

describe('a budgeted refresh while the model fails 30% of its calls', () => {
  it('stops at its budget counting failed calls, and resumes to completion: 0 lost, 0 duplicated', {
    timeout: 120_000,
  }, async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, CONVERSATIONS, {
      name: 'Faulty',
    });
    const callsBefore = llm.totalCalls();

    const first = await task(
      system.backend,
      `/api/tasks/generate-memories-for-user/${student.id}?sync=true&max_llm_calls=${BUDGET}`,
    );

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'stopped', stop_reason: 'budget', usage: { calls: BUDGET } });
    // every request the model received is a counted call, the failed ones included
    expect(llm.totalCalls() - callsBefore).toBe(BUDGET);
    const jobId: number = first.body.job_id;
    const firstCalls = await memoryCalls(jobId);
    expect(firstCalls).toHaveLength(BUDGET);
    const failedInFirstRun = firstCalls.filter((call) => call.outcome === 'failed').length;

    // what each run saved, to check that no later run writes it again
    const savedBy = new Map<number, string>(await storedMemories(conversationIds));
    let job = await settled(jobId);
    let runs = 1;
    while (job.state === 'stopped' && runs < 30) {
      expect(job.result.remaining.conversation_ids.length).toBeGreaterThan(0);
      const resumed = await system.backend.request(
        'POST',
        `/api/tasks/jobs/${jobId}/resume?max_llm_calls=${BUDGET}`,
        admin(),
      );
      expect(resumed.status).toBe(202);
      job = await settled(jobId);
      runs++;
      for (const [conversationId, updatedAt] of await storedMemories(conversationIds)) {
        // a memory saved by an earlier run is never written again
        if (savedBy.has(conversationId)) expect(updatedAt).toBe(savedBy.get(conversationId));
        else savedBy.set(conversationId, updatedAt);
      }
    }

    expect(job.state).toBe('completed');
    const items: { conversation_id: number; status: string }[] = job.result.memories.items;
    const saved = items.filter((item) => item.status === 'saved').map((item) => item.conversation_id);
    const failed = items.filter((item) => item.status === 'failed').map((item) => item.conversation_id);
    const stored = await storedMemories(conversationIds);
    // lost: a conversation the job does not account for, or a memory reported saved that is not stored
    const lost = conversationIds.filter(
      (id) => !(saved.includes(id) || failed.includes(id)) || (saved.includes(id) && !stored.has(id)),
    );
    const calls = await memoryCalls(jobId);
    const okCalls = calls.filter((call) => call.outcome === 'ok').map((call) => call.conversation_id);
    // duplicated: a conversation whose memory was generated (an answer that fit) more than once
    const duplicated = okCalls.filter((id, index) => okCalls.indexOf(id) !== index);
    console.info(
      'budgeted refresh under the faulty model:',
      JSON.stringify({
        runs,
        calls: calls.length,
        failedInFirstRun,
        saved: saved.length,
        failedForGood: failed.length,
      }),
    );

    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(items).toHaveLength(CONVERSATIONS);
    // the job's usage is the ledger's, read once the Brain has sent it (memoryCalls flushed it)
    expect((await settled(jobId)).usage.calls).toBe(calls.length);
    expect(llm.totalCalls() - callsBefore).toBe(calls.length);
  });
});
