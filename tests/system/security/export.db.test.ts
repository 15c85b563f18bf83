import {
  conversationMemories,
  conversations,
  generationJobs,
  messagePipelineData,
  messages,
  personaCorrections,
  personaRevisions,
  safetyAlerts,
  userFeedback,
  userPersonas,
  users,
} from '@coach/data';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Student, startBackend, type TestBackend } from '../../../apps/backend/test/harness.ts';
import { APPLICATION_TABLES } from './fuzz/writes.ts';
import { givenConversation, givenFreshStudent, givenMemory, givenMessage, givenPersona, givenReply } from './given.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

/** Tables that hold nothing about one student: prompts are the operators', the FlowConfig the Brain's. */
// staff and audit_log are the operators' own: an entry names a student by id only, with what an operator
// did (docs/api/staff-and-audit.md), and a deletion reduces it to that id
// data_migrations records which one-off steps over stored rows have run (their names and when)
const NOT_ABOUT_A_STUDENT = [
  'prompts',
  'prompt_versions',
  'flow_configs',
  'settings',
  'staff',
  'audit_log',
  'data_migrations',
];

/** Rows as `[id, …]`, in id order: the export's order is its own business. */
const byId = (rows: Array<[number, ...unknown[]]>) => [...rows].sort((a, b) => a[0] - b[0]);

/** A student with some of everything the system stores about a student. */
async function givenStudentWithEverything(): Promise<Student> {
  const student = await givenFreshStudent(backend);
  const chatted = await givenConversation(backend, student, 'Volcanoes');
  await givenMessage(backend, student, chatted, 'Why do volcanoes erupt?');
  // a message the safety screen blocks: the safe reply, a flag on the message and an alert
  await givenMessage(backend, student, chatted, 'I want to kill myself', 'chat');
  await givenReply(backend, student);
  await givenMemory(backend, chatted);
  await givenPersona(backend, student.id);
  await backend.request('POST', '/api/feedback/', { token: student.token, body: { feedback_data: { rating: 'up' } } });
  await backend.request('POST', '/api/me/persona/corrections', { token: student.token, body: { text: 'Not me.' } });
  const admin = { token: backend.adminToken };
  await backend.request('POST', `/api/tasks/generate-persona-for-user/${student.id}`, admin);
  await backend.request('POST', `/api/tasks/generate-memory-for-conversation/${chatted}`, admin);
  return student;
}

/** Every row the database holds for the student, read straight from the tables: table → rows. */
async function storedAbout(userId: number) {
  const { db } = backend.database;
  const theirConversations = await db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(asc(conversations.id)); // the export's order (oldest first), not wherever an update left the row
  const conversationIds = theirConversations.map((c) => c.id);
  const theirMessages = await db.select().from(messages).where(inArray(messages.conversationId, conversationIds));
  const messageIds = theirMessages.map((m) => m.id);
  return {
    users: await db.select().from(users).where(eq(users.id, userId)),
    conversations: theirConversations,
    messages: theirMessages,
    message_pipeline_data: await db
      .select()
      .from(messagePipelineData)
      .where(inArray(messagePipelineData.messageId, messageIds)),
    conversation_memories: await db
      .select()
      .from(conversationMemories)
      .where(inArray(conversationMemories.conversationId, conversationIds)),
    user_personas: await db.select().from(userPersonas).where(eq(userPersonas.userId, userId)),
    persona_revisions: await db.select().from(personaRevisions).where(eq(personaRevisions.userId, userId)),
    persona_corrections: await db.select().from(personaCorrections).where(eq(personaCorrections.userId, userId)),
    user_feedback: await db.select().from(userFeedback).where(eq(userFeedback.userId, userId)),
    generation_jobs: await db.select().from(generationJobs).where(eq(generationJobs.userId, userId)),
    safety_alerts: await db.select().from(safetyAlerts).where(eq(safetyAlerts.userId, userId)),
  };
}

describe('GET /api/admin/users/{id}/export', () => {
  it('holds every row the database stores about the student, and nobody else’s', async () => {
    const student = await givenStudentWithEverything();
    await givenStudentWithEverything();
    const stored = await storedAbout(student.id);
    // a table added later must be exported, or named here as holding nothing about a student
    expect([...Object.keys(stored), ...NOT_ABOUT_A_STUDENT].sort()).toEqual([...APPLICATION_TABLES].sort());

    const response = await backend.request('GET', `/api/admin/users/${student.id}/export`, {
      token: backend.adminToken,
    });
    expect(response.status).toBe(200);
    const exported = response.body;
    const exportedMessages = exported.conversations.flatMap((c: any) => c.messages);

    expect(exported.user).toMatchObject({ id: student.id, name: stored.users[0]!.name });
    expect(byId(exported.conversations.map((c: any) => [c.id, c.title]))).toEqual(
      byId(stored.conversations.map((c) => [c.id, c.title])),
    );
    expect(byId(exportedMessages.map((m: any) => [m.id, m.content, m.is_user, m.safety_flags]))).toEqual(
      byId(stored.messages.map((m) => [m.id, m.content, m.isUser, m.safetyFlags])),
    );
    expect(byId(exportedMessages.filter((m: any) => m.pipeline_data).map((m: any) => [m.id, m.pipeline_data]))).toEqual(
      byId(stored.message_pipeline_data.map((p) => [p.messageId, p.pipelineData])),
    );
    expect(byId(exported.conversations.flatMap((c: any) => (c.memory ? [[c.id, c.memory.memory_data]] : [])))).toEqual(
      byId(stored.conversation_memories.map((m) => [m.conversationId, m.memoryData])),
    );
    expect(exported.persona.persona_data).toEqual(stored.user_personas[0]!.personaData);
    expect(byId(exported.persona_revisions.map((r: any) => [r.id, r.number, r.status, r.persona_data]))).toEqual(
      byId(stored.persona_revisions.map((r) => [r.id, r.number, r.status, r.personaData])),
    );
    expect(byId(exported.persona_corrections.map((c: any) => [c.id, c.text, c.status]))).toEqual(
      byId(stored.persona_corrections.map((c) => [c.id, c.text, c.status])),
    );
    expect(stored.persona_corrections.length).toBe(1);
    expect(byId(exported.feedback.map((f: any) => [f.id, f.feedback_data]))).toEqual(
      byId(stored.user_feedback.map((f) => [f.id, f.feedbackData])),
    );
    expect(byId(exported.generation_jobs.map((j: any) => [j.id, j.type, j.params]))).toEqual(
      byId(stored.generation_jobs.map((j) => [j.id, j.type, j.params])),
    );
    expect(stored.generation_jobs.length).toBe(2);
    expect(byId(exported.safety_alerts.map((a: any) => [a.id, a.message_id, a.category, a.excerpt]))).toEqual(
      byId(stored.safety_alerts.map((a) => [a.id, a.messageId, a.category, a.excerpt])),
    );
    expect(stored.safety_alerts.length).toBe(1);
  });
});
