import { and, asc, desc, eq, notExists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { touchConversation } from '../conversations/repository.ts';
import type { Db } from '../db/database.ts';
import { conversations, messagePipelineData, messages } from '../db/schema.ts';
import { iso } from '../http/params.ts';

export type MessageRow = typeof messages.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const replies = alias(messages, 'replies');

export function createMessagesRepository(db: Db) {
  return {
    async listForConversation(conversationId: number): Promise<MessageRow[]> {
      return db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.timestamp), asc(messages.id));
    },

    /** A message together with the student who owns its conversation. */
    async findWithOwner(id: number) {
      const [row] = await db
        .select({ message: messages, userId: conversations.userId })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(eq(messages.id, id));
      return row;
    },

    /** A message, the student who owns its conversation, and the coach's reply to it if there is one. */
    async findWithOwnerAndReply(id: number) {
      const [row] = await db
        .select({ message: messages, userId: conversations.userId, reply: replies })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .leftJoin(replies, eq(replies.respondsToMessageId, messages.id))
        .where(eq(messages.id, id));
      return row;
    },

    async findPipelineData(messageId: number) {
      const [row] = await db.select().from(messagePipelineData).where(eq(messagePipelineData.messageId, messageId));
      return row;
    },

    /**
     * Saves a student's message and moves its conversation forward, in one transaction; `then`
     * runs inside it (the chat-turn enqueue), so a message never exists without its job.
     */
    async addUserMessage(
      conversationId: number,
      content: string,
      purpose: string,
      then: (tx: Tx, message: MessageRow) => Promise<void>,
    ): Promise<MessageRow> {
      return db.transaction(async (tx) => {
        const [message] = await tx
          .insert(messages)
          .values({ conversationId, content, isUser: true, purpose })
          .returning();
        await touchConversation(tx, conversationId, message!.timestamp);
        await then(tx, message!);
        return message!;
      });
    },

    /**
     * When the coach's latest reply in the conversation asked for clarification, what it asked and
     * about which question: the next student message answers it (a follow-up turn).
     */
    async pendingClarification(reader: Pick<Db, 'select'>, conversationId: number) {
      const [latest] = await reader
        .select({ pipelineData: messagePipelineData.pipelineData })
        .from(messages)
        .leftJoin(messagePipelineData, eq(messagePipelineData.messageId, messages.id))
        .where(and(eq(messages.conversationId, conversationId), eq(messages.isUser, false)))
        .orderBy(desc(messages.timestamp), desc(messages.id))
        .limit(1);
      const data = latest?.pipelineData;
      if (data?.needs_clarification !== true) return undefined;
      const questions = Array.isArray(data.follow_up_questions) ? data.follow_up_questions.map(String) : [];
      const original = typeof data.original_query === 'string' ? data.original_query : data.query;
      return { originalQuery: typeof original === 'string' ? original : '', followUpQuestions: questions };
    },

    /**
     * Saves the coach's reply to a user message with its pipeline data. Returns the existing reply,
     * untouched, when the turn was already answered (a repeated callback).
     */
    async addReply(input: {
      conversationId: number;
      userMessageId: number;
      content: string;
      pipelineData: Record<string, unknown>;
      promptVersionId: number | null;
    }): Promise<{ reply: MessageRow; duplicate: boolean }> {
      return db.transaction(async (tx) => {
        const [reply] = await tx
          .insert(messages)
          .values({
            conversationId: input.conversationId,
            content: input.content,
            isUser: false,
            respondsToMessageId: input.userMessageId,
            purpose: 'reply',
          })
          .onConflictDoNothing({ target: messages.respondsToMessageId })
          .returning();
        if (!reply) {
          const [existing] = await tx
            .select()
            .from(messages)
            .where(eq(messages.respondsToMessageId, input.userMessageId));
          return { reply: existing!, duplicate: true };
        }
        await tx.insert(messagePipelineData).values({ messageId: reply.id, pipelineData: input.pipelineData });
        // one statement: the conversation moves forward and remembers the prompt version that answered
        // (a failure mark left on the student's message by an earlier attempt stays: the reply wins)
        await touchConversation(tx, input.conversationId, reply.timestamp, {
          ...(input.promptVersionId !== null && { promptVersionId: input.promptVersionId }),
        });
        return { reply, duplicate: false };
      });
    },

    /** Records that the Brain gave up on a user message; ignored once a reply exists. */
    async markReplyFailed(userMessageId: number, detail: string): Promise<void> {
      await db
        .update(messages)
        .set({ replyError: detail })
        .where(
          and(
            eq(messages.id, userMessageId),
            notExists(db.select().from(replies).where(eq(replies.respondsToMessageId, userMessageId))),
          ),
        );
    },
  };
}
export type MessagesRepository = ReturnType<typeof createMessagesRepository>;

export function toMessageDto(row: MessageRow) {
  return { id: row.id, content: row.content, is_user: row.isUser, timestamp: iso(row.timestamp) };
}
