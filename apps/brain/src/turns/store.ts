import type { TurnContextRecord } from '@coach/core';
import { type Database, readTurnContext, recordTurnFailure, storeTurnReply, type TurnReply } from '@coach/data';
import type { Transaction } from '@coach/runtime';

/** Completes the turn's job inside the transaction that settles the turn (`QueuedJob.settleWithin`). */
export type CompleteJob = (tx: Transaction) => Promise<unknown>;

/**
 * Where the built-in Brain reads a chat turn and settles it: the database, directly, through the same
 * functions the Backend's internal routes use (`@coach/data`), with no HTTP inside a turn. A stored reply
 * or failure is handed to the students waiting in this process (the Backend's poll, when both run here)
 * and announced to the other processes at its commit.
 */
export function createTurnStore(database: Database) {
  const alsoComplete = (complete: CompleteJob | undefined) =>
    complete &&
    (async (tx: Database['db']) => {
      await complete(tx);
    });
  return {
    /** The turn's context in one read-only snapshot; NotFound when the conversation is gone. */
    context(conversationId: number, purpose: 'chat' | 'test-prompt'): Promise<TurnContextRecord> {
      return readTurnContext(database.db, conversationId, purpose);
    },

    /** Stores the reply (once per student message) and, in the same transaction, completes the job. */
    async storeReply(reply: TurnReply, complete?: CompleteJob) {
      const saved = await storeTurnReply(database.db, reply, alsoComplete(complete));
      database.replies.settled(reply.userMessageId, saved.reply);
      return saved;
    },

    /** Records that the turn failed for good and, in the same transaction, completes the job. */
    async recordFailure(messageId: number, detail: string, complete?: CompleteJob): Promise<void> {
      await recordTurnFailure(database.db, messageId, detail, alsoComplete(complete));
      database.replies.settled(messageId);
    },
  };
}
export type TurnStore = ReturnType<typeof createTurnStore>;
