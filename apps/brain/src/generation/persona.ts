import { renderTemplate, UserPersonaData } from '@coach/core';
import { type GenerationDeps, generationPrompt } from './memory.ts';
import { objectWithReask } from './structured.ts';

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
