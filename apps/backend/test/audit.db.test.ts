import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStoppedJob } from '../../../tests/system/security/given.ts';
import { givenCorrection, givenPendingRevision } from '../../../tests/system/security/given-personas.ts';
import { givenAlert } from '../../../tests/system/security/given-safety.ts';
import { givenConversation, givenMessage, givenStudent, startBackend, type TestBackend } from './harness.ts';
import { givenMember, type Member } from './staff.ts';

let backend: TestBackend;
let admin: Member;
let reviewer: Member;
beforeAll(async () => {
  backend = await startBackend();
  admin = await givenMember(backend, 'admin', 'Ada Admin');
  reviewer = await givenMember(backend, 'reviewer', 'Rita Reviewer');
});
afterAll(() => backend?.close());

let seq = 0;
const freshStudent = () => givenStudent(backend, `Aud${Date.now() % 1e7}${seq++}`);
const as = (member: Member | 'token') => (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: member === 'token' ? backend.adminToken : member.token, body });

interface Entry {
  id: number;
  actor: { kind: string; staff_id?: number; email?: string };
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  created_at: string;
}

/** The newest audit entry of `action` (read with the admin token). */
async function lastEntry(action: string): Promise<Entry | undefined> {
  const res = await backend.request('GET', `/api/admin/audit?action=${action}&limit=1`, { token: backend.adminToken });
  expect(res.status).toBe(200);
  return res.body[0];
}

async function entriesOf(action: string): Promise<Entry[]> {
  return (await backend.request('GET', `/api/admin/audit?action=${action}&limit=500`, { token: backend.adminToken }))
    .body;
}

const staffActor = (member: Member) => ({ kind: 'staff', staff_id: member.id, email: member.email });

describe('every operator write is an audit entry with its actor', () => {
  it('prompts and their versions: create, rename, version, active, production on and off, delete', async () => {
    const write = as(admin);
    const name = `audited_${Date.now()}`;
    const created = await write('POST', '/api/prompts', { name, initial_version_text: 'Be kind.' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(await lastEntry('prompt.create')).toMatchObject({
      actor: staffActor(admin),
      target_type: 'prompt',
      target_id: String(id),
      details: { name, with_version: true },
    });
    expect((await write('PUT', `/api/prompts/${id}`, { description: 'Kindness' })).status).toBe(200);
    expect(await lastEntry('prompt.update')).toMatchObject({
      target_id: String(id),
      details: { changes: { description: 'Kindness' } },
    });
    const version = await write('POST', `/api/prompts/${id}/versions`, { prompt_text: 'Be very kind.' });
    expect(version.status).toBe(201);
    expect(await lastEntry('prompt.version.create')).toMatchObject({ details: { name, version_number: 2 } });
    expect(
      (await write('POST', `/api/prompts/${id}/versions/set-active`, { version_id: version.body.id })).status,
    ).toBe(200);
    expect(await lastEntry('prompt.version.set_active')).toMatchObject({
      details: { version_number: 2, is_active: true },
    });
    expect((await write('POST', `/api/prompts/${id}/versions/2/set-production`)).status).toBe(200);
    expect(await lastEntry('prompt.version.set_production')).toMatchObject({
      details: { version_number: 2, is_production: true },
    });
    expect((await write('DELETE', `/api/prompts/${id}/versions/2/unset-production`)).status).toBe(200);
    expect(await lastEntry('prompt.version.unset_production')).toMatchObject({ details: { is_production: false } });
    expect((await write('DELETE', `/api/prompts/${id}`)).status).toBe(204);
    expect(await lastEntry('prompt.delete')).toMatchObject({ target_id: String(id), details: { name } });
  });

  it('settings and the flow config', async () => {
    expect((await as(admin)('PATCH', '/api/admin/settings', { persona_review: 'changes' })).status).toBe(200);
    expect(await lastEntry('settings.update')).toMatchObject({
      actor: staffActor(admin),
      details: { persona_review: { to: 'changes' } },
    });
    await as('token')('PATCH', '/api/admin/settings', { persona_review: 'off' });
    expect((await lastEntry('settings.update'))?.actor).toEqual({ kind: 'token' });

    const config = (await as(admin)('GET', '/api/admin/flow-config')).body;
    expect((await as(admin)('PUT', '/api/admin/flow-config', config)).status).toBe(200);
    expect(await lastEntry('flow_config.replace')).toMatchObject({
      actor: staffActor(admin),
      target_type: 'flow_config',
    });
    // the Brain's own write (the internal token) is not an operator's
    const before = (await entriesOf('flow_config.replace')).length;
    await backend.request('PUT', '/api/internal/flow-config', { token: backend.internalToken, body: config });
    expect(await entriesOf('flow_config.replace')).toHaveLength(before);
  });

  it('persona upserts by the admin token, and revision decisions with decided_by', async () => {
    const student = await freshStudent();
    await as('token')('POST', '/api/user-personas', {
      user_id: student.id,
      persona_data: { persona: 'Likes rivers.' },
    });
    expect(await lastEntry('persona.upsert')).toMatchObject({
      actor: { kind: 'token' },
      target_type: 'persona_revision',
      details: { user_id: student.id, keys: ['persona'] },
    });
    // the values stay out of the log
    expect(JSON.stringify(await lastEntry('persona.upsert'))).not.toContain('rivers');

    const pending = await givenPendingRevision(backend, student.id);
    const approved = await as(reviewer)('POST', `/api/persona-revisions/${pending}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.revision.decided_by).toEqual(staffActor(reviewer));
    expect(await lastEntry('persona_revision.approve')).toMatchObject({
      actor: staffActor(reviewer),
      target_id: String(pending),
      details: { user_id: student.id },
    });

    const another = await givenPendingRevision(backend, student.id);
    const rejected = await as(reviewer)('POST', `/api/persona-revisions/${another}/reject`, {
      reason: 'Not what she said.',
    });
    expect(rejected.body.decided_by).toEqual(staffActor(reviewer));
    expect(await lastEntry('persona_revision.reject')).toMatchObject({ details: { reason: 'Not what she said.' } });

    const restored = await as(reviewer)('POST', `/api/persona-revisions/${pending}/restore`);
    expect(restored.status).toBe(201);
    expect(restored.body.decided_by).toEqual(staffActor(reviewer));
    expect(await lastEntry('persona_revision.restore')).toMatchObject({ target_id: String(restored.body.id) });
  });

  it('corrections and safety alerts resolved, with resolved_by', async () => {
    const student = await freshStudent();
    const correction = await givenCorrection(backend, student);
    const resolved = await as(reviewer)('POST', `/api/persona-corrections/${correction}/resolve`, { note: 'Fixed.' });
    expect(resolved.body.resolved_by).toEqual(staffActor(reviewer));
    expect(await lastEntry('persona_correction.resolve')).toMatchObject({
      actor: staffActor(reviewer),
      target_id: String(correction),
      details: { user_id: student.id, note: 'Fixed.' },
    });

    const alert = await givenAlert(backend, student);
    const done = await as(reviewer)('POST', `/api/admin/safety/alerts/${alert}/resolve`, {
      note: 'Spoke with her teacher.',
    });
    expect(done.status).toBe(200);
    expect(done.body.resolved_by).toEqual(staffActor(reviewer));
    expect(await lastEntry('safety_alert.resolve')).toMatchObject({
      target_id: String(alert),
      details: { user_id: student.id, category: 'self_harm' },
    });
  });

  it('task triggers (a job created; joining one records nothing) and resuming a stopped job', async () => {
    const student = await freshStudent();
    const conversation = await givenConversation(backend, student);
    await givenMessage(backend, student, conversation, 'Why do volcanoes erupt?');
    const trigger = await as(admin)('POST', `/api/tasks/generate-persona-for-user/${student.id}`);
    expect(trigger.status).toBe(202);
    expect(await lastEntry('task.trigger')).toMatchObject({
      actor: staffActor(admin),
      target_type: 'generation_job',
      target_id: String(trigger.body.job_id),
      details: { type: 'persona-for-user', user_id: student.id },
    });
    const before = (await entriesOf('task.trigger')).length;
    const joined = await as(admin)('POST', `/api/tasks/generate-persona-for-user/${student.id}`);
    expect(joined.body.joined).toBe(true);
    expect(await entriesOf('task.trigger')).toHaveLength(before);

    const stopped = await givenStoppedJob(backend, student.id);
    expect((await as(admin)('POST', `/api/tasks/jobs/${stopped}/resume`)).status).toBe(202);
    expect(await lastEntry('task.resume')).toMatchObject({ target_id: String(stopped), actor: staffActor(admin) });
  });

  it('staff changes: created, changed, a password changed', async () => {
    const member = await givenMember(backend, 'viewer');
    expect(await lastEntry('staff.create')).toMatchObject({ actor: { kind: 'token' }, target_id: String(member.id) });
    await as(admin)('PATCH', `/api/admin/staff/${member.id}`, { role: 'reviewer' });
    expect(await lastEntry('staff.update')).toMatchObject({
      actor: staffActor(admin),
      details: { changes: { role: { from: 'viewer', to: 'reviewer' } } },
    });
    await backend.request('POST', '/api/staff/me/password', {
      token: member.token,
      body: { current_password: member.password, new_password: 'another long password' },
    });
    const changed = await lastEntry('staff.password_change');
    expect(changed).toMatchObject({ actor: { kind: 'staff', staff_id: member.id }, target_id: String(member.id) });
    // no password, no hash
    expect(JSON.stringify(await entriesOf('staff.create'))).not.toMatch(/password|scrypt/);
    expect(JSON.stringify(changed)).not.toContain('another long password');
  });
});

describe('a student export and deletion', () => {
  it('are recorded; deleting keeps the entries about the student, reduced to the id', async () => {
    const student = await freshStudent();
    const correction = await givenCorrection(backend, student);
    await as(reviewer)('POST', `/api/persona-corrections/${correction}/resolve`, { note: `Spoke to ${student.name}.` });
    expect((await as(admin)('GET', `/api/admin/users/${student.id}/export`)).status).toBe(200);
    expect(await lastEntry('student.export')).toMatchObject({
      target_id: String(student.id),
      details: { user_id: student.id },
    });

    expect((await as(admin)('DELETE', `/api/admin/users/${student.id}`)).status).toBe(204);
    expect(await lastEntry('student.delete')).toMatchObject({
      actor: staffActor(admin),
      target_type: 'student',
      target_id: String(student.id),
    });
    const resolution = (await entriesOf('persona_correction.resolve')).find((e) => e.target_id === String(correction));
    // who resolved which request when stays; the note that named the student does not
    expect(resolution).toMatchObject({ actor: staffActor(reviewer), details: { user_id: student.id, erased: true } });
    const all = await backend.request('GET', '/api/admin/audit?limit=500', { token: backend.adminToken });
    expect(JSON.stringify(all.body)).not.toContain(student.name!);
  });
});

describe('the log and its change are one transaction', () => {
  it('leaves no entry for a refused change', async () => {
    const name = `taken_${Date.now()}`;
    await as(admin)('POST', '/api/prompts', { name });
    const before = (await entriesOf('prompt.create')).length;
    expect((await as(admin)('POST', '/api/prompts', { name })).status).toBe(409);
    expect((await as(reviewer)('PATCH', '/api/admin/settings', { persona_review: 'all' })).status).toBe(403);
    expect(await entriesOf('prompt.create')).toHaveLength(before);
    expect((await entriesOf('settings.update')).some((e) => e.actor.staff_id === reviewer.id)).toBe(false);
  });

  it('leaves no change when its entry cannot be written', async () => {
    const pool = backend.database.pool;
    await pool.query(`create function refuse_audit() returns trigger language plpgsql as
      $$ begin if new.action = 'settings.update' then raise exception 'audit refused'; end if; return new; end $$`);
    await pool.query(
      'create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()',
    );
    try {
      const before = (await as(admin)('GET', '/api/admin/settings')).body.persona_review;
      const next = before === 'all' ? 'off' : 'all';
      const refused = await as(admin)('PATCH', '/api/admin/settings', { persona_review: next });
      expect(refused.status).toBe(500);
      expect((await as(admin)('GET', '/api/admin/settings')).body.persona_review).toBe(before);
    } finally {
      await pool.query('drop trigger refuse_audit on audit_log');
      await pool.query('drop function refuse_audit');
    }
  });
});

describe('GET /api/admin/audit', () => {
  it('is newest first, and filters by member, action, time and page', async () => {
    const member = await givenMember(backend, 'admin');
    const from = new Date().toISOString();
    for (const review of ['all', 'off'] as const) {
      await backend.request('PATCH', '/api/admin/settings', { token: member.token, body: { persona_review: review } });
    }
    const mine = await as(admin)('GET', `/api/admin/audit?actor_staff_id=${member.id}`);
    expect(mine.body.map((e: Entry) => e.details.persona_review)).toEqual([
      { from: 'all', to: 'off' },
      { from: expect.any(String), to: 'all' },
    ]);
    const ids = mine.body.map((e: Entry) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await as(admin)('GET', `/api/admin/audit?actor_staff_id=${member.id}&limit=1&offset=1`);
    expect(page.body.map((e: Entry) => e.id)).toEqual([ids[1]]);
    const since = await as(admin)('GET', `/api/admin/audit?action=settings.update&from=${encodeURIComponent(from)}`);
    expect(since.body.every((e: Entry) => e.created_at >= from)).toBe(true);
    const until = await as(admin)('GET', `/api/admin/audit?action=settings.update&to=${encodeURIComponent(from)}`);
    expect(until.body.every((e: Entry) => e.created_at < from)).toBe(true);
    expect((await as(admin)('GET', '/api/admin/audit?from=yesterday')).status).toBe(422);
    expect((await as(reviewer)('GET', '/api/admin/audit')).status).toBe(403);
  });
});
