import type { Student, TestBackend } from '../../../apps/backend/test/harness.ts';
import { givenPersona } from './given.ts';

/** Fresh persona governance data for one request of the security tests. */

/**
 * A pending generator revision of the student, written straight to the table so it does not depend on
 * (or change) the review setting other requests run under; its id.
 */
export async function givenPendingRevision(backend: TestBackend, userId: number): Promise<number> {
  await givenPersona(backend, userId);
  const client = await backend.database.pool.connect();
  try {
    // the student's lock, as the Backend takes it: other requests may be writing their revisions meanwhile
    await client.query('begin');
    await client.query('select id from users where id = $1 for no key update', [userId]);
    const { rows } = await client.query(
      `insert into persona_revisions (user_id, number, status, source, persona_data, diff)
       select $1, coalesce(max(number), 0) + 1, 'pending', 'generator', '{"persona": "Pending."}',
              '[{"key": "persona", "change": "changed", "before": "Curious.", "after": "Pending."}]'
         from persona_revisions where user_id = $1
       returning id`,
      [userId],
    );
    await client.query('commit');
    return rows[0].id;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** The id of the student's current (approved) revision, after giving them a persona. */
export async function givenApprovedRevision(backend: TestBackend, userId: number): Promise<number> {
  await givenPersona(backend, userId);
  const { rows } = await backend.database.pool.query('select revision_id from user_personas where user_id = $1', [
    userId,
  ]);
  return rows[0].revision_id;
}

/** An open correction request of the student; its id. */
export async function givenCorrection(backend: TestBackend, student: Student): Promise<number> {
  const response = await backend.request('POST', '/api/me/persona/corrections', {
    token: student.token,
    body: { text: 'That is not me.' },
  });
  if (response.status !== 201) throw new Error(`correction: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}
