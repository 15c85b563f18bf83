import type { TurnContextRecord } from '@coach/core';
import { NotFound } from '@coach/runtime';
import type { ConversationsRepository } from '../conversations/repository.ts';
import type { FlowConfigService } from '../flow-config/service.ts';
import type { MemoriesRepository } from '../memories/repository.ts';
import { toMemoryDto } from '../memories/schemas.ts';
import type { MessagesRepository } from '../messages/repository.ts';
import { toMessageDto } from '../messages/schemas.ts';
import type { PersonasRepository } from '../personas/repository.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import type { PromptsRepository } from '../prompts/repository.ts';
import { toPromptVersionsByName } from '../prompts/schemas.ts';

/**
 * What a chat turn reads, at once: the five reads of the internal routes (persona, memory, messages,
 * FlowConfig, prompt versions) run concurrently instead of as five requests from the Brain.
 */
export function createTurnContextService(deps: {
  conversations: ConversationsRepository;
  personas: PersonasRepository;
  memories: MemoriesRepository;
  messages: MessagesRepository;
  prompts: PromptsRepository;
  flowConfig: FlowConfigService;
}) {
  return {
    async read(conversationId: number, purpose: 'chat' | 'test-prompt'): Promise<TurnContextRecord> {
      const conversation = await deps.conversations.findById(conversationId);
      if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
      const [persona, memory, rows, flow, versions] = await Promise.all([
        deps.personas.findByUser(conversation.userId),
        deps.memories.findByConversation(conversation.id),
        deps.messages.listForConversation(conversation.id),
        deps.flowConfig.read(),
        deps.prompts.findVersionsForPurpose(purpose),
      ]);
      return {
        user_id: conversation.userId,
        persona: persona ? toPersonaDto(persona) : null,
        memory: memory ? toMemoryDto(memory) : null,
        messages: rows.map(toMessageDto),
        flow_config: flow,
        prompt_versions: toPromptVersionsByName(versions),
      };
    },
  };
}
export type TurnContextService = ReturnType<typeof createTurnContextService>;
