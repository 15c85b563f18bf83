import { BUILTIN_PROMPTS, type PromptName } from '../prompts/builtin.ts';
import type { TurnStore } from '../turns/store.ts';
import type { PromptChoice, TurnContext, TurnRequest } from './types.ts';

/**
 * Everything a turn needs, in one read of the database (one snapshot): persona (null when the student
 * has none), conversation memory, history, flow config and the prompt versions for the purpose.
 */
export async function gatherContext(turn: TurnRequest, turns: Pick<TurnStore, 'context'>): Promise<TurnContext> {
  const context = await turns.context(turn.conversationId, turn.purpose);
  const versions = context.prompt_versions;
  const prompts = {} as Record<PromptName, PromptChoice>;
  for (const name of Object.keys(BUILTIN_PROMPTS) as PromptName[]) {
    const version = versions[name];
    // no version for this purpose (e.g. no production version yet): the built-in text answers
    prompts[name] = version
      ? { text: version.prompt_text, versionId: version.id, versionNumber: version.version_number }
      : { text: BUILTIN_PROMPTS[name].text, versionId: null, versionNumber: null };
  }
  return {
    persona: context.persona?.persona_data ?? null,
    memory: context.memory?.memory_data ?? null,
    history: earlierMessages(context.messages, turn.messageId),
    flow: context.flow_config,
    prompts,
  };
}

/** The messages before the one being answered (later ones may exist when the student types fast). */
function earlierMessages<T extends { id: number }>(messages: T[], messageId: number): T[] {
  const index = messages.findIndex((message) => message.id === messageId);
  return index === -1 ? messages : messages.slice(0, index);
}
