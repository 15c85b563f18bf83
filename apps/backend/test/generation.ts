import { setTimeout as sleep } from 'node:timers/promises';
import { conversationMemories, conversations, generationJobs, userPersonas } from '@coach/data';
import { eq, inArray } from 'drizzle-orm';
import { givenConversation, givenMessage, givenStudent, type Student, type TestBackend } from './harness.ts';

/** Test factories and helpers for memory/persona generation, shared by Backend and system tests. */

export interface StudentWithConversations {
  student: Student;
  /** In the order created (the oldest first). */
  conversationIds: number[];
}

/** A student with `count` conversations, each with one message (`messages` overrides their texts). */
export async function givenStudentWithConversations(
  backend: TestBackend,
  count: number,
  options: { name?: string; messages?: string[] } = {},
): Promise<StudentWithConversations> {
  const student = await givenStudent(backend, options.name ?? 'Asha');
  const conversationIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = await givenConversation(backend, student, `Topic ${i + 1}`);
    await givenMessage(backend, student, id, options.messages?.[i] ?? `Why do volcanoes erupt? (question ${i + 1})`);
    conversationIds.push(id);
  }
  return { student, conversationIds };
}

/** Stores a memory for a conversation as an operator would. */
export async function givenMemory(backend: TestBackend, conversationId: number, memoryData: object = {}) {
  const response = await backend.request('POST', '/api/memories', {
    token: backend.adminToken,
    body: { conversation_id: conversationId, memory_data: { main_topics: ['set by the test'], ...memoryData } },
  });
  if (response.status !== 200) throw new Error(`memory upsert failed: ${response.status}`);
  return response.body as { updated_at: string; memory_data: Record<string, unknown> };
}

export async function givenPersona(backend: TestBackend, userId: number, personaData: object = {}) {
  const response = await backend.request('POST', '/api/user-personas', {
    token: backend.adminToken,
    body: { user_id: userId, persona_data: { persona: 'Set by the test.', ...personaData } },
  });
  if (response.status !== 200) throw new Error(`persona upsert failed: ${response.status}`);
  return response.body as { updated_at: string };
}

/** Moves conversations' last activity into the past, as if they had been idle that long (memories stay). */
export async function givenIdleFor(backend: TestBackend, conversationIds: number[], hours: number) {
  const at = new Date(Date.now() - hours * 3_600_000);
  await backend.database.db
    .update(conversations)
    .set({ updatedAt: at })
    .where(inArray(conversations.id, conversationIds));
}

/** Makes a conversation's memory look written `hours` ago. */
export async function givenMemoryWrittenHoursAgo(backend: TestBackend, conversationId: number, hours: number) {
  await backend.database.db
    .update(conversationMemories)
    .set({ updatedAt: new Date(Date.now() - hours * 3_600_000) })
    .where(eq(conversationMemories.conversationId, conversationId));
}

/** Makes a persona look older than every memory (its updated_at an hour back). */
export async function givenPersonaOlderThanMemories(backend: TestBackend, userId: number) {
  await backend.database.db
    .update(userPersonas)
    .set({ updatedAt: new Date(Date.now() - 3_600_000) })
    .where(eq(userPersonas.userId, userId));
}

/**
 * Marks every queued or running job completed, as if a Brain had done the work: in Backend tests no
 * Brain runs, and a queued job would make the next request for the same thing join it.
 */
export async function settleActiveJobs(backend: TestBackend) {
  await backend.database.db
    .update(generationJobs)
    .set({ state: 'completed' })
    .where(inArray(generationJobs.state, ['queued', 'running']));
}

/** Polls `GET /api/tasks/jobs/{id}` until the job is completed, failed or stopped. */
export async function waitForJob(backend: TestBackend, jobId: number, timeoutMs = 30_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const job = await backend.request('GET', `/api/tasks/jobs/${jobId}`, { token: backend.adminToken });
    if (job.status !== 200) throw new Error(`job ${jobId}: ${job.status} ${JSON.stringify(job.body)}`);
    if (['completed', 'failed', 'stopped'].includes(job.body.state)) return job.body;
  }
  throw new Error(`job ${jobId} did not settle within ${timeoutMs} ms`);
}

/** An admin POST to a task route. */
export function task(backend: TestBackend, path: string, body?: unknown) {
  return backend.request('POST', path, { token: backend.adminToken, ...(body === undefined ? {} : { body }) });
}
