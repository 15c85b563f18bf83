import { ConversationMemoryData, formatHistory, redactContactDetailsInJson, renderTemplate } from '@coach/core';
import type { GenerationDeps } from './deps.ts';
import { objectWithReask } from './object-with-reask.ts';
import { withoutContactDetails } from './persona-material.ts';

/**
 * The memory of a conversation without messages, written without a model call (there is nothing to ask
 * about): a conversation selected with `include_empty` is then refreshed like the others, and no longer
 * needs a memory until a message arrives.
 */
export const NO_MESSAGES_MEMORY: ConversationMemoryData = {
  main_topics: [],
  action: [],
  typical_observation: 'The conversation has no messages yet.',
};

/**
 * Writes one conversation's memory: transcript → `memory_generation` prompt (`template`: its text, read
 * once per batch) → structured output, validated (asked again once when it does not fit) → upsert. An
 * empty conversation gets NO_MESSAGES_MEMORY; output that fails validation is never saved. Contact
 * details are redacted from the transcript the model sees, and from what it answers (docs/SAFETY.md).
 */
export async function generateConversationMemory(
  conversationId: number,
  template: () => Promise<string>,
  deps: GenerationDeps,
  signal?: AbortSignal,
) {
  const [messages, text] = await Promise.all([deps.backend.getMessages(conversationId), template()]);
  if (messages.length === 0) return { record: await deps.backend.upsertMemory(conversationId, NO_MESSAGES_MEMORY) };
  const transcript = formatHistory(withoutContactDetails(messages), Number.POSITIVE_INFINITY);
  const prompt = renderTemplate(text, { conversationHistory: transcript });
  const memory = await objectWithReask(
    deps.llm,
    { callType: 'memory_generation', prompt, query: transcript, signal },
    ConversationMemoryData,
  );
  // the Backend refuses a memory holding one: a detail the model made up must not cost the memory
  return { record: await deps.backend.upsertMemory(conversationId, redactContactDetailsInJson(memory).value) };
}
