import { randomBytes } from 'node:crypto';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type Student,
  type TestBackend,
} from '../../../apps/backend/test/harness.ts';

/** Fresh data for one request of the security tests: each call makes its own, so requests never collide. */

const unique = () => randomBytes(4).toString('hex');

/** Asks as the admin and insists on the status, so a broken set-up never passes for a refusal. */
async function asAdmin(backend: TestBackend, method: string, path: string, body: unknown, status: number) {
  const response = await backend.request(method, path, { token: backend.adminToken, body });
  if (response.status !== status) {
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)} (expected ${status})`);
  }
  return response.body;
}

export async function givenFreshStudent(backend: TestBackend): Promise<Student> {
  return givenStudent(backend, `Sec${unique()}`);
}

export async function givenMemory(backend: TestBackend, conversationId: number): Promise<void> {
  await asAdmin(
    backend,
    'POST',
    '/api/memories',
    { conversation_id: conversationId, memory_data: { main_topics: ['volcanoes'] } },
    200,
  );
}

export async function givenPersona(backend: TestBackend, userId: number): Promise<void> {
  await asAdmin(backend, 'POST', '/api/user-personas', { user_id: userId, persona_data: { persona: 'Curious.' } }, 200);
}

/** A student message the coach has not answered (purpose `test`: no chat-turn job). */
export async function givenQuestion(backend: TestBackend, student: Student) {
  const conversationId = await givenConversation(backend, student);
  const message = await givenMessage(backend, student, conversationId, 'Why is the sea salty?');
  return { conversationId, messageId: message.id };
}

/** A coach reply with pipeline steps, as the Brain posts it; the id of the reply. */
export async function givenReply(backend: TestBackend, student: Student): Promise<number> {
  const { conversationId, messageId } = await givenQuestion(backend, student);
  const response = await backend.request('POST', '/api/internal/brain_response', {
    token: backend.internalToken,
    body: {
      user_id: student.id,
      conversation_id: conversationId,
      original_message_id: messageId,
      llm_response: 'What do you think?',
      pipeline_data: { steps: [{ name: 'simplified_conversation', prompt: 'p', result: 'r' }] },
    },
  });
  if (response.status !== 202) throw new Error(`brain_response: ${response.status}`);
  return response.body.message_id;
}

/** A prompt with version 1, active and production; its name and id. */
export async function givenPrompt(backend: TestBackend): Promise<{ name: string; id: number }> {
  const name = `sec-${unique()}`;
  const prompt = await asAdmin(backend, 'POST', '/api/prompts', { name, initial_version_text: 'Be kind.' }, 201);
  await asAdmin(backend, 'POST', `/api/prompts/${prompt.id}/versions/1/set-production`, undefined, 200);
  return { name, id: prompt.id };
}

/** A queued persona generation job of a fresh student (no Brain runs: it stays queued). */
export async function givenJob(backend: TestBackend): Promise<number> {
  const student = await givenFreshStudent(backend);
  const answer = await asAdmin(backend, 'POST', `/api/tasks/generate-persona-for-user/${student.id}`, undefined, 202);
  return answer.job_id;
}

/** A job whose first attempt has started, as the Brain reports it. */
export async function givenRunningJob(backend: TestBackend): Promise<number> {
  const jobId = await givenJob(backend);
  const response = await backend.request('POST', `/api/internal/jobs/${jobId}/start`, {
    token: backend.internalToken,
    body: { attempt: 1 },
  });
  if (response.status !== 200) throw new Error(`job start: ${response.status}`);
  return jobId;
}

/** A job stopped at its budget with its persona step left, as the Brain reports it: it can be resumed. */
export async function givenStoppedJob(backend: TestBackend, userId: number): Promise<number> {
  const jobId = await givenRunningJob(backend);
  const response = await backend.request('POST', `/api/internal/jobs/${jobId}/stop`, {
    token: backend.internalToken,
    body: { attempt: 1, reason: 'budget', result: stoppedPersonaJobResult(userId) },
  });
  if (response.status !== 200) throw new Error(`job stop: ${response.status}`);
  return jobId;
}

export const stoppedPersonaJobResult = (userId: number) => ({
  ...personaJobResult(userId),
  persona: { status: 'skipped', reason: 'the budget ran out before the persona step' },
  remaining: { conversation_ids: [], persona: true },
});

export const personaJobResult = (userId: number) => ({
  type: 'persona-for-user',
  user_id: userId,
  memories: { counts: { selected: 0, saved: 0, skipped: 0, failed: 0 }, items: [] },
  persona: { status: 'skipped', reason: 'no memories' },
});

export { givenConversation, givenMessage, unique };
