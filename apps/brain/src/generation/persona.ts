import { renderTemplate, UserPersonaData } from '@coach/core';
import { type GenerationDeps, generationPrompt } from './memory.ts';

/**
 * Writes a student's persona from the memories of their conversations: `user_persona_generation`
 * prompt → structured output, validated → upsert. A student without memories is skipped.
 */
export async function generateUserPersona(userId: number, deps: GenerationDeps) {
  const [memories, template] = await Promise.all([
    deps.backend.getUserMemories(userId),
    generationPrompt(deps.backend, 'user_persona_generation'),
  ]);
  if (memories.length === 0)
    return { status: 'skipped' as const, reason: 'the student has no conversation memories yet' };
  const listed = memories.map((memory) => JSON.stringify(memory.memory_data)).join('\n');
  const prompt = renderTemplate(template, { extra: { CONVERSATION_MEMORIES: listed } });
  const persona = await deps.llm.object(
    { callType: 'user_persona_generation', prompt, query: listed },
    UserPersonaData,
  );
  const record = await deps.backend.upsertPersona(userId, persona);
  return { status: 'saved' as const, record };
}
