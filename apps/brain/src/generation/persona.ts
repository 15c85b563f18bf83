import { type PersonaOutcome, renderTemplate, UserPersonaData } from '@coach/core';
import { describeFailure } from '../failures.ts';
import type { GenerationDeps } from './deps.ts';
import { objectWithReask } from './object-with-reask.ts';
import { generationPrompt } from './prompt.ts';

/**
 * Writes a student's persona from the memories of their conversations: `user_persona_generation`
 * prompt → structured output, validated (asked again once when it does not fit) → upsert. A student
 * without memories is skipped.
 */
export async function generateUserPersona(userId: number, deps: GenerationDeps, signal?: AbortSignal) {
  const [memories, template] = await Promise.all([
    deps.backend.getUserMemories(userId),
    generationPrompt(deps.backend, 'user_persona_generation'),
  ]);
  if (memories.length === 0)
    return { status: 'skipped' as const, reason: 'the student has no conversation memories yet' };
  const listed = memories.map((memory) => JSON.stringify(memory.memory_data)).join('\n');
  const prompt = renderTemplate(template, { extra: { CONVERSATION_MEMORIES: listed } });
  const persona = await objectWithReask(
    deps.llm,
    { callType: 'user_persona_generation', prompt, query: listed, signal },
    UserPersonaData,
  );
  const record = await deps.backend.upsertPersona(userId, persona);
  return { status: 'saved' as const, record };
}

/** A persona as an outcome; the error itself is thrown (the caller decides whether to retry). */
export async function generatePersonaOutcome(
  userId: number,
  deps: GenerationDeps,
  signal?: AbortSignal,
): Promise<PersonaOutcome> {
  const outcome = await generateUserPersona(userId, deps, signal);
  return outcome.status === 'saved' ? { status: 'saved', updated_at: outcome.record.updated_at } : outcome;
}

/** `POST /tasks?wait=true` for one student: the persona, or why there is none. */
export async function generatePersonaTask(userId: number, deps: GenerationDeps) {
  try {
    return { user_id: userId, ...(await generatePersonaOutcome(userId, deps)) };
  } catch (error) {
    return { user_id: userId, status: 'failed' as const, error: describeFailure(error) };
  }
}
