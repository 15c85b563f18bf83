import type { SafetyFlag } from '@coach/core';
import { and, asc, desc, eq, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database.ts';
import { conversations, messagePipelineData, messages, users } from '../schema.ts';

export type MessageRow = typeof messages.$inferSelect;

/** The clarification columns of a coach message. */
export type ReplyClarification = Pick<MessageRow, 'needsClarification' | 'followUpQuestions' | 'originalQuery'>;

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

    /**
     * A message, the student who owns its conversation, the coach's reply to it if there is one, and
     * whether the account `callerId` (who asks) still exists: one statement.
     */
    async findWithOwnerAndReply(id: number, callerId = 0) {
      const [row] = await db
        .select({
          message: messages,
          userId: conversations.userId,
          reply: replies,
          callerExists: sql<boolean>`exists (select 1 from ${users} where ${users.id} = ${callerId})`,
        })
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

    /** Whether the account exists (a poll for a message that does not: 401 or 404?). */
    async userExists(userId: number): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
      return row !== undefined;
    },

    /** A student's message, with what the safety screen found in it (for operators). */
    async insertUserMessage(
      conversationId: number,
      content: string,
      purpose: string,
      safetyFlags: SafetyFlag[] = [],
      withheldFromModels = false,
    ): Promise<MessageRow> {
      const [message] = await db
        .insert(messages)
        .values({ conversationId, content, isUser: true, purpose, safetyFlags, withheldFromModels })
        .returning();
      return message!;
    },

    /** The coach's latest message in a conversation (undefined: none yet). */
    async latestReply(conversationId: number): Promise<MessageRow | undefined> {
      const [latest] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.isUser, false)))
        .orderBy(desc(messages.timestamp), desc(messages.id))
        .limit(1);
      return latest;
    },

    /** Inserts the coach's reply to a user message; undefined when that message already has one. */
    async insertReply(input: {
      conversationId: number;
      userMessageId: number;
      content: string;
      clarification: ReplyClarification;
      safetyFlags?: SafetyFlag[] | undefined;
    }) {
      const [reply] = await db
        .insert(messages)
        .values({
          conversationId: input.conversationId,
          content: input.content,
          isUser: false,
          respondsToMessageId: input.userMessageId,
          purpose: 'reply',
          ...input.clarification,
          safetyFlags: input.safetyFlags ?? [],
        })
        .onConflictDoNothing({ target: messages.respondsToMessageId })
        .returning();
      return reply;
    },

    async findReplyTo(userMessageId: number): Promise<MessageRow | undefined> {
      const [reply] = await db.select().from(messages).where(eq(messages.respondsToMessageId, userMessageId));
      return reply;
    },

    async insertPipelineData(messageId: number, pipelineData: Record<string, unknown>): Promise<void> {
      await db.insert(messagePipelineData).values({ messageId, pipelineData });
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
