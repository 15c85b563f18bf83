import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent } from '../../backend/test/harness.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from './openai-test-server.ts';
import { askCoach, startSystem, type TestSystem } from './system.ts';

interface LedgerRow {
  call_type: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  latency_ms: number;
  outcome: string;
  failure_kind: string | null;
  cost_usd: string | null;
  user_id: number | null;
  conversation_id: number | null;
  message_id: number | null;
  job_id: number | null;
}

/** The ledger rows matching `where`, once the Brain has sent what it buffered. */
async function ledger(system: TestSystem, where: string, value: number): Promise<LedgerRow[]> {
  await system.brain.flushUsage();
  const result = await system.backend.database.pool.query(`select * from model_calls where ${where} = $1 order by id`, [
    value,
  ]);
  return result.rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the ledger of a system on the offline model', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.close());
  const admin = () => ({ token: system.backend.adminToken });

  it("records a chat turn's calls with the student, conversation and message they served", async () => {
    const student = await givenStudent(system.backend, 'LedgerOffline');
    const conversationId = await givenConversation(system.backend, student);
    const { messageId, reply } = await askCoach(system, student, conversationId, 'Why do stars twinkle?');
    expect(reply.status).toBe(200);

    const rows = await ledger(system, 'message_id', messageId);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({
        provider: 'offline',
        model: 'offline-coach',
        outcome: 'ok',
        failure_kind: null,
        user_id: student.id,
        conversation_id: conversationId,
        job_id: null,
      });
      expect(row.input_tokens).toBeGreaterThan(0);
      expect(row.output_tokens).toBeGreaterThan(0);
      // the offline model bills nobody: a known price of 0, not an unknown one
      expect(Number(row.cost_usd)).toBe(0);
    }
  });

  it('records memory and persona generation under the job, whose status answers its usage', async () => {
    const student = await givenStudent(system.backend, 'LedgerJob');
    const conversationId = await givenConversation(system.backend, student);
    await askCoach(system, student, conversationId, 'I love drawing dragons.');

    const queued = await system.backend.request('POST', `/api/tasks/generate-persona-for-user/${student.id}`, admin());
    expect(queued.status).toBe(202);
    const jobId: number = queued.body.job_id;
    let job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
    for (const deadline = Date.now() + 20_000; job.body.state !== 'completed' && Date.now() < deadline; await sleep(50))
      job = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
    expect(job.body.state).toBe('completed');

    const rows = await ledger(system, 'job_id', jobId);
    expect(rows.map((row) => row.call_type)).toEqual(['memory_generation', 'user_persona_generation']);
    expect(rows[0]).toMatchObject({ user_id: student.id, conversation_id: conversationId, message_id: null });
    expect(rows[1]).toMatchObject({ user_id: student.id, conversation_id: null });

    const status = await system.backend.request('GET', `/api/tasks/jobs/${jobId}`, admin());
    expect(status.body.usage).toEqual({
      calls: 2,
      input_tokens: rows[0]!.input_tokens + rows[1]!.input_tokens,
      output_tokens: rows[0]!.output_tokens + rows[1]!.output_tokens,
    });
  });

  it("removes a student's rows when the student is deleted", async () => {
    const student = await givenStudent(system.backend, 'LedgerDeleted');
    const conversationId = await givenConversation(system.backend, student);
    await askCoach(system, student, conversationId, 'How do bees talk?');
    expect((await ledger(system, 'user_id', student.id)).length).toBeGreaterThan(0);

    expect((await system.backend.request('DELETE', `/api/admin/users/${student.id}`, admin())).status).toBe(204);
    expect(await ledger(system, 'user_id', student.id)).toEqual([]);
  });
});

describe('the ledger of a system on a provider', () => {
  // a 503 is retried once at once; chat calls priced, so a row's cost is the provider's figures at the price
  const LLM_CONFIG = {
    defaults: { model: 'priced-model', timeout_ms: 2_000, max_retries: 1 },
    retry: { base_delay_ms: 5, max_delay_ms: 10 },
    prices: { 'priced-model': { input_usd_per_million: 0.5, output_usd_per_million: 2 } },
  };
  const coachReply = JSON.stringify({
    needs_clarification: false,
    follow_up_questions: [],
    response: 'What do you think makes the wind?',
    ended_with_question: true,
    educational_concepts: ['wind'],
  });
  let llm: OpenAiTestServer;
  let system: TestSystem;
  let configDir: string;
  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    configDir = mkdtempSync(join(tmpdir(), 'coach-ledger-'));
    const configPath = join(configDir, 'llm.json');
    writeFileSync(configPath, JSON.stringify(LLM_CONFIG));
    system = await startSystem({ env: { LLM_BASE_URL: llm.baseUrl, LLM_CONFIG: configPath } });
  });
  afterAll(async () => {
    await system?.close();
    await llm?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  async function ask(name: string) {
    const student = await givenStudent(system.backend, name);
    const conversationId = await givenConversation(system.backend, student);
    const { messageId, reply } = await askCoach(system, student, conversationId, 'Where does wind come from?');
    expect(reply.status).toBe(200);
    return ledger(system, 'message_id', messageId);
  }

  it("records the provider's token figures and their cost at the configured price", async () => {
    llm.script({ content: coachReply });
    const rows = await ask('LedgerProvider');
    expect(rows).toEqual([
      expect.objectContaining({
        provider: 'openai-compatible',
        model: 'priced-model',
        input_tokens: 12,
        output_tokens: 8,
        outcome: 'ok',
      }),
    ]);
    expect(Number(rows[0]!.cost_usd)).toBeCloseTo((12 * 0.5 + 8 * 2) / 1_000_000, 12);
  });

  it('records a failed attempt and the retry that worked as two calls', async () => {
    llm.script({ status: 503, message: 'overloaded' }, { content: coachReply });
    const rows = await ask('LedgerRetry');
    expect(rows.map((row) => [row.outcome, row.failure_kind, row.input_tokens, row.output_tokens])).toEqual([
      ['failed', 'server', 0, 0],
      ['ok', null, 12, 8],
    ]);
    // the failure's kind only: nothing the provider or the student said
    expect(JSON.stringify(rows)).not.toContain('overloaded');
  });
});
