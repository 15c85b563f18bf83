import type { TurnContextRecord } from '@coach/core';
import { type Db, readTurnContext } from '@coach/data';

/**
 * What a chat turn reads, at once (`readTurnContext`: one read-only snapshot, one commit), for external
 * Brains; the built-in Brain reads it itself through the same function.
 */
export function createTurnContextService(deps: { db: Db }) {
  return {
    read(conversationId: number, purpose: 'chat' | 'test-prompt'): Promise<TurnContextRecord> {
      return readTurnContext(deps.db, conversationId, purpose);
    },
  };
}
export type TurnContextService = ReturnType<typeof createTurnContextService>;
