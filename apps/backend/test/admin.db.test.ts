import {
  conversationMemories,
  conversations,
  messagePipelineData,
  messages,
  prompts,
  promptVersions,
  userFeedback,
  userPersonas,
  users,
} from '@coach/data';
import { count, eq, inArray } from 'drizzle-orm';
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

async function givenPersona(student: Student, persona = 'Curious about volcanoes.') {
  const response = await backend.request('POST', '/api/user-personas', {
    ...asAdmin(),
    body: { user_id: student.id, persona_data: { persona } },
  });
  expect(response.status).toBe(200);
  return response.body;
}

async function givenMemory(conversationId: number, topic = 'volcanoes') {
  const response = await backend.request('POST', '/api/memories', {
    ...asAdmin(),
    body: {
      conversation_id: conversationId,
      memory_data: { main_topics: [topic], action: [], typical_observation: 'asks why' },
    },
  });
  expect(response.status).toBe(200);
  return response.body;
}

/** Plays the Brain's part: the coach answers a student message, with its pipeline steps. */
async function givenReply(student: Student, conversationId: number, messageId: number, text: string) {
  const steps = [{ name: 'simplified_conversation', enabled: true, prompt: 'Answer: …', result: text }];
  const response = await backend.request('POST', '/api/internal/brain_response', {
    token: backend.internalToken,
    body: {
      user_id: student.id,
      conversation_id: conversationId,
      original_message_id: messageId,
      llm_response: text,
      pipeline_data: { steps },
    },
  });
  expect(response.status).toBe(202);
  return { id: response.body.message_id as number, steps };
}

async function givenFeedback(student: Student, feedback: Record<string, unknown>) {
  const response = await backend.request('POST', '/api/feedback/', {
    token: student.token,
    body: { feedback_data: feedback },
  });
  expect(response.status).toBe(200);
  return response.body;
}

async function searchStudents(params: string) {
  const response = await backend.request('GET', `/api/admin/users?${params}`, asAdmin());
  expect(response.status).toBe(200);
  return response.body as Array<{
    id: number;
    name: string | null;
    phone_number: string | null;
    conversation_count: number;
    has_persona: boolean;
  }>;
}

describe('finding students', () => {
  it('finds students by any part of their name, in any case', async () => {
    const kavya = await givenStudent(backend, 'Kavya');
    await givenStudent(backend, 'Rohan');
    const found = await searchStudents('query=AVY');
    expect(found.map((s) => s.id)).toEqual([kavya.id]);
    expect(found[0]).toMatchObject({ name: kavya.name, phone_number: null });
    expect(Date.parse((found[0] as any).created_at)).not.toBeNaN();
  });

  it('finds students by part of their phone number', async () => {
    const login = await backend.request('POST', '/api/auth/login', { body: { identifier: '9123456780' } });
    const found = await searchStudents('query=2345');
    expect(found.map((s) => s.id)).toEqual([login.body.user.id]);
    expect(found[0]?.phone_number).toBe('9123456780');
  });

  it('matches %, _ and \\ in the query literally, not as wildcards or escapes', async () => {
    const underscored = await givenStudent(backend, 'Under_score');
    await givenStudent(backend, 'Plainname');
    expect(await searchStudents(`query=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await searchStudents(`query=${encodeURIComponent('\\')}`)).toEqual([]);
    const found = await searchStudents('query=_');
    expect(found.map((s) => s.id)).toContain(underscored.id);
    for (const student of found) expect(student.name).toContain('_');
  });

  it('counts each student’s conversations and tells who has a persona', async () => {
    const meera = await givenStudent(backend, 'Meeracount');
    const neel = await givenStudent(backend, 'Neelcount');
    await givenConversation(backend, meera, 'rivers');
    await givenConversation(backend, meera, 'stars');
    await givenPersona(meera);
    const found = await searchStudents('query=count');
    expect(found.find((s) => s.id === meera.id)).toMatchObject({ conversation_count: 2, has_persona: true });
    expect(found.find((s) => s.id === neel.id)).toMatchObject({ conversation_count: 0, has_persona: false });
  });

  it('pages through students, newest first', async () => {
    const first = await givenStudent(backend, 'Pagina');
    const second = await givenStudent(backend, 'Pagina');
    const third = await givenStudent(backend, 'Pagina');
    expect((await searchStudents('query=pagina&limit=2')).map((s) => s.id)).toEqual([third.id, second.id]);
    expect((await searchStudents('query=pagina&limit=2&offset=2')).map((s) => s.id)).toEqual([first.id]);
    expect((await searchStudents('query=pagina')).length).toBe(3);
  });

  it('refuses limit=0 with 422', async () => {
    const response = await backend.request('GET', '/api/admin/users?limit=0', asAdmin());
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('limit');
  });
});

describe('looking at one student', () => {
  it('shows their conversations newest first, which have a memory, and their persona', async () => {
    const asha = await givenStudent(backend);
    const older = await givenConversation(backend, asha, 'Volcanoes');
    const newer = await givenConversation(backend, asha, 'Oceans');
    await givenMemory(older);
    const persona = await givenPersona(asha);

    const response = await backend.request('GET', `/api/admin/users/${asha.id}`, asAdmin());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: asha.id, name: asha.name, phone_number: null, persona });
    expect(response.body.conversations).toEqual([
      { id: newer, title: 'Oceans', updated_at: expect.any(String), has_memory: false },
      { id: older, title: 'Volcanoes', updated_at: expect.any(String), has_memory: true },
    ]);
  });

  it('shows persona null for a student without one', async () => {
    const ravi = await givenStudent(backend, 'Ravi');
    const response = await backend.request('GET', `/api/admin/users/${ravi.id}`, asAdmin());
    expect(response.body).toMatchObject({ id: ravi.id, conversations: [], persona: null });
  });
});

describe('erasing a student', () => {
  async function storedAbout(userId: number, conversationIds: number[], messageIds: number[]) {
    const { db } = backend.database;
    const rows = async (query: Promise<Array<{ n: number }>>) => (await query)[0]!.n;
    return {
      users: await rows(db.select({ n: count() }).from(users).where(eq(users.id, userId))),
      conversations: await rows(db.select({ n: count() }).from(conversations).where(eq(conversations.userId, userId))),
      messages: await rows(
        db.select({ n: count() }).from(messages).where(inArray(messages.conversationId, conversationIds)),
      ),
      pipelineData: await rows(
        db.select({ n: count() }).from(messagePipelineData).where(inArray(messagePipelineData.messageId, messageIds)),
      ),
      memories: await rows(
        db
          .select({ n: count() })
          .from(conversationMemories)
          .where(inArray(conversationMemories.conversationId, conversationIds)),
      ),
      personas: await rows(db.select({ n: count() }).from(userPersonas).where(eq(userPersonas.userId, userId))),
      feedback: await rows(db.select({ n: count() }).from(userFeedback).where(eq(userFeedback.userId, userId))),
    };
  }

  async function givenStudentWithEverything(name: string) {
    const student = await givenStudent(backend, name);
    const conversationIds = [
      await givenConversation(backend, student, 'Volcanoes'),
      await givenConversation(backend, student, 'Oceans'),
    ];
    const question = await givenMessage(backend, student, conversationIds[0]!);
    const reply = await givenReply(student, conversationIds[0]!, question.id, 'What do you think?');
    await givenMemory(conversationIds[0]!);
    await givenPersona(student);
    await givenFeedback(student, { rating: 'up' });
    return { student, conversationIds, messageIds: [question.id, reply.id] };
  }

  it('removes the student and everything stored about them, and nobody else’s data', async () => {
    const erased = await givenStudentWithEverything('Erasme');
    const kept = await givenStudentWithEverything('Keepme');
    const everything = {
      users: 1,
      conversations: 2,
      messages: 2,
      pipelineData: 1,
      memories: 1,
      personas: 1,
      feedback: 1,
    };
    expect(await storedAbout(erased.student.id, erased.conversationIds, erased.messageIds)).toEqual(everything);

    const response = await backend.request('DELETE', `/api/admin/users/${erased.student.id}`, asAdmin());
    expect(response.status).toBe(204);

    expect(await storedAbout(erased.student.id, erased.conversationIds, erased.messageIds)).toEqual({
      users: 0,
      conversations: 0,
      messages: 0,
      pipelineData: 0,
      memories: 0,
      personas: 0,
      feedback: 0,
    });
    expect(await storedAbout(kept.student.id, kept.conversationIds, kept.messageIds)).toEqual(everything);
    const again = await backend.request('GET', `/api/admin/users/${erased.student.id}`, asAdmin());
    expect(again.status).toBe(404);
  });

  it('keeps the prompt versions the student wrote, without an author', async () => {
    const author = await givenStudent(backend, 'Author');
    const { db } = backend.database;
    const [prompt] = await db.insert(prompts).values({ name: 'admin-test-erased-author' }).returning();
    const [version] = await db
      .insert(promptVersions)
      .values({ promptId: prompt!.id, userId: author.id, versionNumber: 1, promptText: 'Be curious.' })
      .returning();

    expect((await backend.request('DELETE', `/api/admin/users/${author.id}`, asAdmin())).status).toBe(204);

    const [kept] = await db.select().from(promptVersions).where(eq(promptVersions.id, version!.id));
    expect(kept).toMatchObject({ promptText: 'Be curious.', userId: null });
  });

  it('turns away the erased student’s access token with 401', async () => {
    const student = await givenStudent(backend, 'Goneaway');
    expect((await backend.request('GET', '/api/auth/me', { token: student.token })).status).toBe(200);
    await backend.request('DELETE', `/api/admin/users/${student.id}`, asAdmin());
    const response = await backend.request('GET', '/api/auth/me', { token: student.token });
    expect(response.status).toBe(401);
  });
});

describe('exporting a student', () => {
  it('exports their conversations with messages, the reply and its pipeline data, memory, persona and feedback', async () => {
    const asha = await givenStudent(backend, 'Exporta');
    const other = await givenStudent(backend, 'Exportb');
    const chatted = await givenConversation(backend, asha, 'Volcanoes');
    const empty = await givenConversation(backend, asha, 'Oceans');
    await givenConversation(backend, other, 'Not hers');
    const question = await givenMessage(backend, asha, chatted, 'Why do volcanoes erupt?');
    const reply = await givenReply(asha, chatted, question.id, 'What do you think is under the ground?');
    const memory = await givenMemory(chatted, 'volcanoes');
    const persona = await givenPersona(asha);
    const feedback = await givenFeedback(asha, { message_id: reply.id, rating: 'up' });
    await givenFeedback(other, { rating: 'down' });

    const response = await backend.request('GET', `/api/admin/users/${asha.id}/export`, asAdmin());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="student-${asha.id}.json"`);
    const exported = response.body;
    expect(Date.parse(exported.exported_at)).not.toBeNaN();
    expect(exported.user).toMatchObject({ id: asha.id, name: asha.name });
    expect(exported.persona).toEqual(persona);
    expect(exported.feedback).toEqual([feedback]);
    expect(exported.conversations.map((c: { id: number }) => c.id)).toEqual([chatted, empty]);

    const [volcanoes, oceans] = exported.conversations;
    expect(volcanoes).toMatchObject({ title: 'Volcanoes', prompt_version_id: null, memory });
    expect(volcanoes.messages).toEqual([
      { ...question, responds_to_message_id: null, pipeline_data: null, safety_flags: [] },
      {
        id: reply.id,
        content: 'What do you think is under the ground?',
        is_user: false,
        timestamp: expect.any(String),
        needs_clarification: false,
        follow_up_questions: [],
        original_query: null,
        responds_to_message_id: question.id,
        pipeline_data: { steps: reply.steps },
        safety_flags: [],
      },
    ]);
    expect(oceans).toMatchObject({ title: 'Oceans', messages: [], memory: null });
  });

  it('exports a student with nothing stored but their account', async () => {
    const quiet = await givenStudent(backend, 'Quiet');
    const response = await backend.request('GET', `/api/admin/users/${quiet.id}/export`, asAdmin());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ conversations: [], persona: null, feedback: [] });
  });
});

describe('admin routes', () => {
  const routes = (id: number) =>
    [
      ['GET', '/api/admin/users'],
      ['GET', `/api/admin/users/${id}`],
      ['DELETE', `/api/admin/users/${id}`],
      ['GET', `/api/admin/users/${id}/export`],
    ] as const;

  it('answer 404 for an unknown student', async () => {
    for (const [method, path] of routes(999_999).slice(1)) {
      const response = await backend.request(method, path, asAdmin());
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.detail).toBe('User 999999 not found.');
    }
  });

  it('answer 422 for a non-integer id', async () => {
    for (const [method, path] of routes(999_999).slice(1)) {
      const response = await backend.request(method, path.replace('999999', 'abc'), asAdmin());
      expect(response.status, `${method} ${path}`).toBe(422);
      expect(response.body.detail).toContain('params.id');
    }
  });

  it('need the admin token: 401 without a token, 403 with a student’s or the internal token', async () => {
    const student = await givenStudent(backend, 'Nosy');
    for (const [method, path] of routes(student.id)) {
      expect((await backend.request(method, path)).status, `${method} ${path}`).toBe(401);
      const asStudent = await backend.request(method, path, { token: student.token });
      expect(asStudent.status, `${method} ${path} as a student`).toBe(403);
      expect(asStudent.body.detail).toBe('This route is for operators: sign in as staff or use the admin token.');
      const asInternal = await backend.request(method, path, { token: backend.internalToken });
      expect(asInternal.status, `${method} ${path} with the internal token`).toBe(403);
    }
    const still = await backend.request('GET', `/api/admin/users/${student.id}`, asAdmin());
    expect(still.status).toBe(200);
  });
});
