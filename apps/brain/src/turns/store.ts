import type { TurnContextRecord, TurnSafety } from '@coach/core';
import {
  type Database,
  readTurnContext,
  recordTurnFailure,
  screenTurnReply,
  storeTurnReply,
  type TurnReply,
} from '@coach/data';
import type { Transaction } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';

/** Completes the turn's job inside the transaction that settles the turn (`QueuedJob.settleWithin`). */
export type CompleteJob = (tx: Transaction) => Promise<unknown>;

/**
 * Where the built-in Brain reads a chat turn and settles it: the database, directly, through the same
 * functions the Backend's internal routes use (`@coach/data`), with no HTTP inside a turn. A stored reply
 * or failure is handed to the students waiting in this process (the Backend's poll, when both run here)
 * and announced to the other processes at its commit. A reply passes the safety screen before it is stored.
 */
export function createTurnStore(
  database: Database,
  options: { safety: TurnSafety; logger: Pick<FastifyBaseLogger, 'warn'> },
) {
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

    /**
     * Screens the reply, then stores it (once per student message) and, in the same transaction,
     * completes the job. A reply replaced by the safe fallback is logged by ids and category only.
     */
    async storeReply(reply: TurnReply, complete?: CompleteJob) {
      const screened = await screenTurnReply(reply, options.safety);
      if (screened.replacedFor) {
        const { category, severity, rule } = screened.replacedFor;
        options.logger.warn(
          { messageId: reply.userMessageId, conversationId: reply.conversationId, category, severity, rule },
          'coach reply replaced by the safe fallback (safety screen)',
        );
      }
      return database.replies.settle(reply.userMessageId, async () => {
        const saved = await storeTurnReply(database.db, screened.reply, alsoComplete(complete));
        database.replies.settled(reply.userMessageId, saved.reply);
        return saved;
      });
    },

    /** Records that the turn failed for good and, in the same transaction, completes the job. */
    async recordFailure(messageId: number, detail: string, complete?: CompleteJob): Promise<void> {
      await database.replies.settle(messageId, async () => {
        await recordTurnFailure(database.db, messageId, detail, alsoComplete(complete));
        database.replies.settled(messageId);
      });
    },
  };
}
export type TurnStore = ReturnType<typeof createTurnStore>;
