import type { TurnContextRecord } from '@coach/core';
import type { Db } from '@coach/data';
import {
  createConversationsRepository,
  createFlowConfigRepository,
  createMemoriesRepository,
  createMessagesRepository,
  createPersonasRepository,
  createPromptsRepository,
} from '@coach/data';
import { NotFound } from '@coach/runtime';
import { createFlowConfigService } from '../flow-config/service.ts';
import { toMemoryDto } from '../memories/schemas.ts';
import { toMessageDto } from '../messages/schemas.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import { toPromptVersionsByName } from '../prompts/schemas.ts';

/**
 * What a chat turn reads, at once: the conversation and the five reads of the internal routes
 * (persona, memory, messages, FlowConfig, prompt versions) in one read-only transaction — one snapshot,
 * one commit — instead of five requests from the Brain.
 */
export function createTurnContextService(deps: { db: Db }) {
  return {
    async read(conversationId: number, purpose: 'chat' | 'test-prompt'): Promise<TurnContextRecord> {
      return deps.db.transaction(
        async (tx) => {
          const conversation = await createConversationsRepository(tx).findById(conversationId);
          if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
          const flowConfig = createFlowConfigService({ flowConfig: createFlowConfigRepository(tx) });
          // one connection: the reads are sent one after another, each without waiting to be asked
          const [persona, memory, rows, flow, versions] = await Promise.all([
            createPersonasRepository(tx).findByUser(conversation.userId),
            createMemoriesRepository(tx).findByConversation(conversation.id),
            createMessagesRepository(tx).listForConversation(conversation.id),
            flowConfig.read(),
            createPromptsRepository(tx).findVersionsForPurpose(purpose),
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
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },
  };
}
export type TurnContextService = ReturnType<typeof createTurnContextService>;
