import { ConversationMemoryData, renderTemplate } from '@coach/core';
import type { BackendClient } from '../backend-client.ts';
import type { LlmClient } from '../llm/client.ts';
import { formatHistory } from '../pipeline/history.ts';
import { BUILTIN_PROMPTS } from '../prompts/builtin.ts';
import { objectWithReask } from './structured.ts';

export interface GenerationDeps {
  backend: BackendClient;
  llm: LlmClient;
}

/** The production text of a generation prompt, or the built-in one. */
export async function generationPrompt(backend: BackendClient, name: 'memory_generation' | 'user_persona_generation') {
  const versions = await backend.getPromptVersions('chat');
  return versions[name]?.prompt_text ?? BUILTIN_PROMPTS[name].text;
}

/**
 * Writes one conversation's memory: transcript → `memory_generation` prompt (`template`: its text, read
 * once per batch) → structured output, validated (asked again once when it does not fit) → upsert. An
 * empty conversation is skipped; output that fails validation is never saved.
 */
export async function generateConversationMemory(
  conversationId: number,
  template: () => Promise<string>,
  deps: GenerationDeps,
  signal?: AbortSignal,
) {
  const [messages, text] = await Promise.all([deps.backend.getMessages(conversationId), template()]);
  if (messages.length === 0) return { status: 'skipped' as const, reason: 'the conversation has no messages' };
  const transcript = formatHistory(messages, Number.POSITIVE_INFINITY);
  const prompt = renderTemplate(text, { conversationHistory: transcript });
  const memory = await objectWithReask(
    deps.llm,
    { callType: 'memory_generation', prompt, query: transcript, signal },
    ConversationMemoryData,
  );
  const record = await deps.backend.upsertMemory(conversationId, memory);
  return { status: 'saved' as const, record };
}
