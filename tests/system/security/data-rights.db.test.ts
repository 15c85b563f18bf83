import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, type Student } from '../../../apps/backend/test/harness.ts';
import { givenFlowConfig } from '../../../apps/brain/test/given.ts';
import { askCoach, startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';
import { literally, placesHolding, userIdPattern } from './stored.ts';

// Erasing a student erases them everywhere the system wrote them: the application tables and the
// queue's job table too, where a finished chat turn keeps the student's id and words for days.

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
  await givenFlowConfig(system, { use_simplified_mode: true });
});
afterAll(() => system?.close());

interface Traced {
  student: Student;
  /** A word only this student typed: wherever it is stored, their data is. */
  word: string;
}

/** A student who chatted (the turn answered), got a memory and a persona, and gave feedback. */
async function givenStudentWhoChatted(name: string): Promise<Traced> {
  const student = await givenStudent(system.backend, name);
  const word = `zebrafish${randomBytes(3).toString('hex')}`;
  const conversationId = await givenConversation(system.backend, student, `About ${word}`);
  const { reply } = await askCoach(system, student, conversationId, `Why do ${word} glow in the dark?`);
  expect(reply.status).toBe(200);
  const persona = await system.backend.request(
    'POST',
    `/api/tasks/generate-persona-for-user/${student.id}?sync=true&only_needing=false`,
    { token: system.backend.adminToken },
  );
  expect(persona.status).toBe(200);
  await system.backend.request('POST', '/api/feedback/', {
    token: student.token,
    body: { feedback_data: { rating: 'up', comment: `I love ${word}` } },
  });
  return { student, word };
}

/** Where the student's words, name or id are stored, in the application tables and in pg-boss's. */
async function tracesOf({ student, word }: Traced) {
  const { db } = system.backend.database;
  const name = literally(student.name!.replace(/-\d+$/, ''));
  return {
    words: [...(await placesHolding(db, 'public', word)), ...(await placesHolding(db, 'pgboss', word))],
    name: [...(await placesHolding(db, 'public', name)), ...(await placesHolding(db, 'pgboss', name))],
    idInQueue: await placesHolding(db, 'pgboss', userIdPattern(student.id)),
  };
}

describe('DELETE /api/admin/users/{id}', () => {
  it('leaves no trace of the student in any table, the queue’s included, and keeps everyone else’s', async () => {
    const erased = await givenStudentWhoChatted('Erasmina');
    const kept = await givenStudentWhoChatted('Keepsake');
    const before = await tracesOf(erased);
    // the search finds them before: the turn's job, its reply, the memory, the persona, the feedback
    expect(before.words.some((place) => place.startsWith('job'))).toBe(true);
    expect(before.words.some((place) => place.startsWith('messages.content'))).toBe(true);
    expect(before.idInQueue.length).toBeGreaterThan(0);

    const response = await system.backend.request('DELETE', `/api/admin/users/${erased.student.id}`, {
      token: system.backend.adminToken,
    });

    expect(response.status).toBe(204);
    expect(await tracesOf(erased)).toEqual({ words: [], name: [], idInQueue: [] });
    const stillThere = await tracesOf(kept);
    expect(stillThere.words.some((place) => place.startsWith('job'))).toBe(true);
    expect(stillThere.words.some((place) => place.startsWith('messages.content'))).toBe(true);
    expect(stillThere.idInQueue.length).toBeGreaterThan(0);
  });
});
