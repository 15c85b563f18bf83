import {
  type ChatTurnJob,
  type PendingClarification,
  pendingClarification,
  QUEUE_NAMES,
  type SafetyFlag,
  safetyPipelineData,
  screenStudentMessage,
  type TurnSafety,
} from '@coach/core';
import {
  type ConversationRow,
  createConversationsRepository,
  createMessagesRepository,
  type Db,
  type MessageRow,
  type ReplyWaiters,
  recordTurnFailure,
  screenTurnReply,
  storeTurnReply,
  type TurnReply,
} from '@coach/data';
import { HttpError, Invalid, type JobQueue, NotFound, Unauthorized } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { ownedConversation } from '../conversations/service.ts';
import { iso } from '../http/params.ts';
import { ACCOUNT_GONE } from '../http/student-token.ts';
import { createRateLimitsRepository } from '../rate-limits/repository.ts';
import type { RateLimiter } from '../rate-limits/service.ts';
import { raiseAlert } from '../safety-alerts/service.ts';
import { createUsersRepository } from '../users/repository.ts';
import { toMessageDto } from './schemas.ts';

/** The status a student sees for a turn the Brain gave up on (never an endless 202). */
export const TURN_FAILED_STATUS = 502;

/** How often a waiting reply poll looks in the database (a reply stored by another Backend process). */
const REPLY_RECHECK_MS = 1_000;

export type MessagePurpose = 'chat' | 'test-prompt' | 'test';

/** Whether a student message of this purpose asks the Brain for a reply: a `test` message is only stored. */
export function enqueuesChatTurn(purpose: MessagePurpose): purpose is Exclude<MessagePurpose, 'test'> {
  return purpose !== 'test';
}

/** The queue payload of a chat turn for a saved student message. */
export function chatTurnJob(
  turn: { userId: number; message: MessageRow; purpose: Exclude<MessagePurpose, 'test'> },
  clarification: PendingClarification | undefined,
): ChatTurnJob {
  return {
    user_id: turn.userId,
    conversation_id: turn.message.conversationId,
    message_id: turn.message.id,
    purpose: turn.purpose,
    message_content: turn.message.content,
    timestamp: iso(turn.message.timestamp),
    ...(clarification && {
      is_follow_up_response: true,
      original_query: clarification.originalQuery,
      follow_up_questions: clarification.followUpQuestions,
    }),
  };
}

/** Who asks for a message's pipeline steps: the operator, or a student (who sees only their own). */
export type StepsViewer = { kind: 'admin' } | { kind: 'user'; userId: number };

/**
 * A chat turn's messages: the student's message saved together with its chat-turn job, the coach's
 * reply (or the Brain's failure) stored once, and the student's poll for it.
 */
export function createMessagesService(deps: {
  db: Db;
  queue: JobQueue;
  replies: ReplyWaiters;
  maxMessageLength: number;
  /** Counts the student's messages (none: not limited). */
  limiter?: Pick<RateLimiter, 'admitMessage'>;
  /** The safety screen every student message and every reply stored here passes (docs/SAFETY.md). */
  safety: TurnSafety;
  /** Whether a new alert is posted to SAFETY_WEBHOOK_URL. */
  webhook: boolean;
  /** Ids and categories only: never a student's words. */
  logger: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const messages = createMessagesRepository(deps.db);
  const conversations = createConversationsRepository(deps.db);

  return {
    /**
     * Saves a student's message and queues its chat turn in one transaction: a message never exists
     * without its job. The same transaction checks the student's account (the route checked only the
     * token) and counts the message against their rate limit: one commit for the whole POST. A refusal
     * after the count (too many, invalid content, another's conversation) keeps the count, as the
     * limiter in front of the route did.
     *
     * The message passes the safety screen first: its flags are stored with it. One that blocks (self-harm,
     * high, by default) gets the safe reply in the same transaction instead of a chat turn, so no model sees
     * it, whichever Brain answers turns, and an alert is raised with it. One at its category's alert level
     * (self-harm or bullying, medium, by default) raises an alert too, and gets its chat turn as usual.
     */
    async send(userId: number, conversationId: number, content: string, purpose: MessagePurpose): Promise<MessageRow> {
      const screened = await screenStudentMessage(deps.safety, content);
      const outcome = await deps.db.transaction(async (tx) => {
        if (!(await createUsersRepository(tx).findById(userId))) throw new Unauthorized(ACCOUNT_GONE);
        const inTx = createMessagesRepository(tx);
        const conversationsInTx = createConversationsRepository(tx);
        let conversation: ConversationRow;
        try {
          await deps.limiter?.admitMessage(userId, createRateLimitsRepository(tx));
          if (content.trim() === '') throw new Invalid('body.content: must not be empty');
          if (content.length > deps.maxMessageLength) {
            throw new Invalid(`body.content: can have at most ${deps.maxMessageLength} characters`);
          }
          conversation = await ownedConversation(conversationsInTx, conversationId, userId);
        } catch (error) {
          // nothing is written yet but the count: it commits, the refusal is answered
          if (error instanceof HttpError) return { refusal: error };
          throw error;
        }
        const message = await inTx.insertUserMessage(
          conversation.id,
          content,
          purpose,
          screened.flags,
          screened.blocking !== null,
        );
        await conversationsInTx.touch(conversation.id, message.timestamp);
        const alert = screened.alerting
          ? await raiseAlert(
              tx,
              deps.queue,
              { userId, conversationId: conversation.id, messageId: message.id, ...screened.alerting, content },
              { webhook: deps.webhook },
            )
          : null;
        const raised = alert && { id: alert.id, category: alert.category, blocked: screened.blocking !== null };
        if (screened.blocking) {
          if (enqueuesChatTurn(purpose)) await storeSafeReply(tx, message, deps.safety, screened.blocking);
          return { message, alert: raised };
        }
        if (enqueuesChatTurn(purpose)) {
          const latest = await inTx.latestReply(conversation.id);
          const clarification = pendingClarification(latest && toMessageDto(latest));
          const job = chatTurnJob({ userId, message, purpose }, clarification);
          await deps.queue.send(QUEUE_NAMES.chatTurn, job, { tx, singletonKey: `message:${message.id}` });
        }
        return { message, alert: raised };
      });
      if ('refusal' in outcome) throw outcome.refusal;
      const { alert, message } = outcome;
      if (alert) {
        deps.logger.warn(
          {
            alertId: alert.id,
            messageId: message.id,
            conversationId: message.conversationId,
            category: alert.category,
          },
          alert.blocked
            ? 'safety alert raised; the student got the safe reply'
            : 'safety alert raised; the coach answers as usual',
        );
      }
      return message;
    },

    async listForStudent(userId: number, conversationId: number): Promise<MessageRow[]> {
      const conversation = await ownedConversation(conversations, conversationId, userId);
      return messages.listForConversation(conversation.id);
    },

    async listForBrain(conversationId: number): Promise<MessageRow[]> {
      const conversation = await conversations.findById(conversationId);
      if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
      return messages.listForConversation(conversation.id);
    },

    /**
     * The coach's reply to a student's message; undefined while it is pending. Holds up to `waitMs`
     * for it (woken when this process stores it, looking again every second for other processes),
     * unless the student has gone. A turn the Brain gave up on is an error, never pending forever.
     */
    async replyTo(
      userId: number,
      messageId: number,
      wait: { ms: number; abandoned: () => boolean },
    ): Promise<MessageRow | undefined> {
      const deadline = Date.now() + wait.ms;
      for (;;) {
        // one query a look: the message, its owner, the reply, and whether the student's account exists
        // (the route checked only the token)
        const found = await messages.findWithOwnerAndReply(messageId, userId);
        if (found ? !found.callerExists : !(await messages.userExists(userId))) throw new Unauthorized(ACCOUNT_GONE);
        if (!found || found.userId !== userId) throw new NotFound(`Message ${messageId} not found.`);
        if (!found.message.isUser) throw new NotFound(`Message ${messageId} is the coach's message, not a student's.`);
        if (found.reply) return found.reply;
        if (found.message.replyError) {
          throw new HttpError(
            TURN_FAILED_STATUS,
            `The coach could not answer this message (${found.message.replyError}). Please send it again.`,
          );
        }
        const left = deadline - Date.now();
        if (left <= 0 || wait.abandoned()) return undefined;
        // the owner was checked above: a reply handed over by this process is the answer
        const handed = await deps.replies.wait(found.message.id, Math.min(left, REPLY_RECHECK_MS));
        if (handed) return handed;
      }
    },

    /** The steps as the Brain stored them (a list of objects: the reply route checks it). */
    async pipelineSteps(messageId: number, viewer: StepsViewer): Promise<Record<string, unknown>[]> {
      const found = await messages.findWithOwner(messageId);
      const visible = found && (viewer.kind === 'admin' || viewer.userId === found.userId);
      if (!visible) throw new NotFound(`Message ${messageId} not found.`);
      const data = await messages.findPipelineData(found.message.id);
      if (!data) throw new NotFound(`Message ${messageId} has no pipeline data.`);
      const steps = data.pipelineData.steps;
      return Array.isArray(steps) ? steps : [];
    },

    /**
     * Stores the Brain's reply with its pipeline data, and wakes whoever waits on it. A repeated reply
     * for the same message changes nothing and returns the stored one (`duplicate`).
     */
    async storeReply(reply: TurnReply): Promise<{ reply: MessageRow; duplicate: boolean }> {
      // an external Brain's reply passes the same screen as the built-in Brain's (its turn store)
      const screened = await screenTurnReply(reply, deps.safety);
      if (screened.replacedFor) {
        const { category, severity, rule } = screened.replacedFor;
        deps.logger.warn(
          { messageId: reply.userMessageId, conversationId: reply.conversationId, category, severity, rule },
          'coach reply replaced by the safe fallback (safety screen)',
        );
      }
      // this process hands the row to its waiting polls: the announcement of the same commit wakes nobody here
      return deps.replies.settle(reply.userMessageId, async () => {
        const saved = await storeTurnReply(deps.db, screened.reply);
        deps.replies.settled(reply.userMessageId, saved.reply);
        return saved;
      });
    },

    /** The Brain gave up on a student's message: its poll answers with the failure (unless a reply came). */
    async recordFailure(messageId: number, detail: string): Promise<void> {
      await deps.replies.settle(messageId, async () => {
        await recordTurnFailure(deps.db, messageId, detail);
        deps.replies.settled(messageId);
      });
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;

/** The coach's answer to a student message the screen blocked: the safe reply, stored as any reply is. */
async function storeSafeReply(tx: Db, message: MessageRow, safety: TurnSafety, flag: SafetyFlag): Promise<void> {
  const messages = createMessagesRepository(tx);
  const reply = await messages.insertReply({
    conversationId: message.conversationId,
    userMessageId: message.id,
    content: safety.safeReply,
    clarification: { needsClarification: false, followUpQuestions: [], originalQuery: null },
  });
  if (!reply) return;
  await messages.insertPipelineData(reply.id, safetyPipelineData('safe_reply', flag));
  await createConversationsRepository(tx).touch(message.conversationId, reply.timestamp);
}
