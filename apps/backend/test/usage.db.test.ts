import type { ModelCallEntry } from '@coach/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const asAdmin = () => ({ token: backend.adminToken });

/** A ledger entry as the Brain sends it; each test reports on days of its own so their sums stay apart. */
function call(day: string, fields: Partial<ModelCallEntry> = {}): ModelCallEntry {
  return {
    started_at: `${day}T10:00:00.000Z`,
    call_type: 'simplified_conversation',
    provider: 'openai',
    model: 'gpt-4o-mini',
    input_tokens: 100,
    output_tokens: 20,
    latency_ms: 300,
    outcome: 'ok',
    failure_kind: null,
    cost_usd: 0.001,
    user_id: null,
    conversation_id: null,
    message_id: null,
    job_id: null,
    ...fields,
  };
}

async function givenCalls(...calls: ModelCallEntry[]): Promise<number> {
  const response = await backend.request('POST', '/api/internal/model-calls', {
    token: backend.internalToken,
    body: { calls },
  });
  expect(response.status).toBe(200);
  return response.body.recorded;
}

async function usage(query: string) {
  return backend.request('GET', `/api/admin/usage?${query}`, asAdmin());
}

async function givenStudentWithMessage(name: string) {
  const student = await givenStudent(backend, name);
  const conversationId = await givenConversation(backend, student);
  const message = await givenMessage(backend, student, conversationId);
  return { student, conversationId, messageId: message.id };
}

async function ledgerRowsOf(student: Student): Promise<number> {
  const result = await backend.database.pool.query('select count(*)::int as n from model_calls where user_id = $1', [
    student.id,
  ]);
  return result.rows[0].n;
}

describe('the ledger the Brain writes', () => {
  it('stores a chat call with the student, conversation and message it served', async () => {
    const { student, conversationId, messageId } = await givenStudentWithMessage('LedgerTurn');
    const recorded = await givenCalls(
      call('2021-01-01', { user_id: student.id, conversation_id: conversationId, message_id: messageId }),
    );
    expect(recorded).toBe(1);
    const rows = await backend.database.db.execute(sql`select * from model_calls where user_id = ${student.id}`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
      expect.objectContaining({ conversation_id: conversationId, message_id: messageId, outcome: 'ok' }),
    ]);
  });

  it("takes a memory call's student from its conversation", async () => {
    const { student, conversationId } = await givenStudentWithMessage('LedgerMemory');
    await givenCalls(call('2021-01-02', { call_type: 'memory_generation', conversation_id: conversationId }));
    expect(await ledgerRowsOf(student)).toBe(1);
  });

  it('does not store calls for a student deleted before they arrived', async () => {
    const { student } = await givenStudentWithMessage('LedgerGone');
    expect((await backend.request('DELETE', `/api/admin/users/${student.id}`, asAdmin())).status).toBe(204);
    expect(await givenCalls(call('2021-01-03', { user_id: student.id }), call('2021-01-03'))).toBe(1);
  });

  it("removes a student's rows when the student is deleted, and keeps no sum of them", async () => {
    const { student, conversationId } = await givenStudentWithMessage('LedgerErased');
    await givenCalls(
      call('2021-01-04', { user_id: student.id }),
      call('2021-01-04', { conversation_id: conversationId }),
    );
    expect(await ledgerRowsOf(student)).toBe(2);
    expect((await usage('from=2021-01-04&to=2021-01-04')).body.totals.calls).toBe(2);

    expect((await backend.request('DELETE', `/api/admin/users/${student.id}`, asAdmin())).status).toBe(204);

    expect(await ledgerRowsOf(student)).toBe(0);
    expect((await usage('from=2021-01-04&to=2021-01-04')).body.totals.calls).toBe(0);
  });

  it('refuses entries that carry anything but figures', async () => {
    const response = await backend.request('POST', '/api/internal/model-calls', {
      token: backend.internalToken,
      body: { calls: [{ ...call('2021-01-05'), failure_kind: 'the student said: I feel sad' }] },
    });
    expect(response.status).toBe(422);
  });
});

describe('GET /api/admin/usage', () => {
  let asha: Student;
  let ravi: Student;

  beforeAll(async () => {
    asha = await givenStudent(backend, 'UsageAsha');
    ravi = await givenStudent(backend, 'UsageRavi');
    // two days of March 2022: Asha's chat on a priced model, Ravi's on a priced one that failed once, and a
    // persona call on a local model without a price
    await givenCalls(
      call('2022-03-01', { user_id: asha.id, input_tokens: 100, output_tokens: 10, cost_usd: 0.5 }),
      call('2022-03-01', { user_id: asha.id, input_tokens: 200, output_tokens: 20, cost_usd: 0.25 }),
      call('2022-03-02', {
        user_id: ravi.id,
        input_tokens: 0,
        output_tokens: 0,
        outcome: 'failed',
        failure_kind: 'timeout',
        cost_usd: 0,
      }),
      call('2022-03-02', { user_id: ravi.id, input_tokens: 50, output_tokens: 5, cost_usd: 0.125 }),
      call('2022-03-02', {
        call_type: 'user_persona_generation',
        provider: 'openai-compatible',
        model: 'llama3.2',
        user_id: ravi.id,
        input_tokens: 1000,
        output_tokens: 300,
        cost_usd: null,
      }),
    );
  });

  const march = 'from=2022-03-01&to=2022-03-02';

  it('sums by day, the cost unknown on a day with an unpriced call', async () => {
    const response = await usage(`${march}&group_by=day`);
    expect(response.status).toBe(200);
    expect(response.body.groups).toEqual([
      { key: '2022-03-01', calls: 2, failed_calls: 0, input_tokens: 300, output_tokens: 30, cost_usd: 0.75 },
      { key: '2022-03-02', calls: 3, failed_calls: 1, input_tokens: 1050, output_tokens: 305, cost_usd: null },
    ]);
    expect(response.body.totals).toEqual({
      calls: 5,
      failed_calls: 1,
      input_tokens: 1350,
      output_tokens: 335,
      cost_usd: null,
    });
  });

  it('sums by call type and by model, each priced group with its cost', async () => {
    const byType = (await usage(`${march}&group_by=call_type`)).body.groups;
    expect(byType.map((g: any) => [g.key, g.calls, g.cost_usd])).toEqual([
      ['simplified_conversation', 4, 0.875],
      ['user_persona_generation', 1, null],
    ]);
    const byModel = (await usage(`${march}&group_by=model`)).body.groups;
    expect(byModel.map((g: any) => [g.key, g.calls, g.input_tokens, g.cost_usd])).toEqual([
      ['gpt-4o-mini', 4, 350, 0.875],
      ['llama3.2', 1, 1000, null],
    ]);
  });

  it('sums by student, the most tokens first', async () => {
    const groups = (await usage(`${march}&group_by=user`)).body.groups;
    expect(groups.map((g: any) => [g.key, g.calls, g.failed_calls, g.input_tokens + g.output_tokens])).toEqual([
      [ravi.id, 3, 1, 1355],
      [asha.id, 2, 0, 330],
    ]);
  });

  it('prices the totals when every call has a price', async () => {
    const response = await usage('from=2022-03-01&to=2022-03-01');
    expect(response.body.totals.cost_usd).toBe(0.75);
  });

  it('reads a range of timestamps as half open, and a day as `to` as the whole day', async () => {
    const morning = await usage('from=2022-03-02T00:00:00Z&to=2022-03-02T10:00:00Z');
    expect(morning.body.totals.calls).toBe(0);
    const day = await usage('from=2022-03-02T00:00:00Z&to=2022-03-02');
    expect(day.body.totals.calls).toBe(3);
    expect(day.body.to).toBe('2022-03-03T00:00:00.000Z');
  });

  it('covers the last 30 days by default', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await givenCalls({ ...call(today), started_at: new Date(Date.now() - 60_000).toISOString() });
    const response = await usage('group_by=day');
    expect(response.status).toBe(200);
    expect(response.body.totals.calls).toBe(1);
    expect(Date.parse(response.body.to) - Date.parse(response.body.from)).toBe(30 * 86_400_000);
  });

  it('refuses an unknown grouping, a backwards range and a date it cannot read', async () => {
    for (const query of ['group_by=week', 'from=2022-03-02&to=2022-03-01', 'from=yesterday', 'to=2022-13-45']) {
      const response = await usage(query);
      expect(response.status, query).toBe(422);
      expect(response.body.detail).toBeTruthy();
    }
  });

  it('is for operators only; the ledger is written by the Brain', async () => {
    const student = await givenStudent(backend, 'UsageNosy');
    expect((await backend.request('GET', '/api/admin/usage', { token: student.token })).status).toBe(403);
    expect((await backend.request('GET', '/api/admin/usage', { token: backend.internalToken })).status).toBe(403);
    expect((await backend.request('GET', '/api/admin/usage', { token: null })).status).toBe(401);
    const write = await backend.request('POST', '/api/internal/model-calls', {
      token: student.token,
      body: { calls: [call('2021-01-06')] },
    });
    expect(write.status).toBe(403);
  });
});

describe('a job carries its usage', () => {
  it('sums every attempt of every call the job made', async () => {
    const student = await givenStudent(backend, 'UsageJob');
    const queued = await backend.request('POST', '/api/tasks/trigger-user-persona-generation', {
      ...asAdmin(),
      body: { user_id: student.id },
    });
    expect(queued.status).toBe(202);
    const jobId: number = queued.body.job_ids[0];
    expect((await backend.request('GET', `/api/tasks/jobs/${jobId}`, asAdmin())).body.usage).toEqual({
      calls: 0,
      input_tokens: 0,
      output_tokens: 0,
    });

    await givenCalls(
      call('2021-02-01', {
        job_id: jobId,
        user_id: student.id,
        outcome: 'failed',
        failure_kind: 'server',
        input_tokens: 0,
        output_tokens: 0,
      }),
      call('2021-02-01', { job_id: jobId, user_id: student.id, input_tokens: 400, output_tokens: 90 }),
    );
    expect((await backend.request('GET', `/api/tasks/jobs/${jobId}`, asAdmin())).body.usage).toEqual({
      calls: 2,
      input_tokens: 400,
      output_tokens: 90,
    });
  });
});
