import { BrainFailureBody, type ChatTurnJob, QUEUE_NAMES } from '@coach/core';
import { HttpError, Invalid, NotFound } from '@coach/runtime';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createConversationsRepository } from '../conversations/repository.ts';
import { ownedConversation } from '../conversations/routes.ts';
import { promptVersions } from '../db/schema.ts';
import { currentUser } from '../http/auth.ts';
import { IdParams, iso } from '../http/params.ts';
import { createMessagesRepository, toMessageDto } from './repository.ts';
import {
  BrainResponseAccepted,
  BrainResponseRequest,
  MessageList,
  PipelineSteps,
  PostMessageBody,
  PostMessageResponse,
} from './schemas.ts';

/** The status a student sees for a turn the Brain gave up on (never an endless 202). */
export const TURN_FAILED_STATUS = 502;

/** The longest `wait` a reply poll may ask for, in seconds (below common proxy idle timeouts). */
export const MAX_REPLY_WAIT_SECONDS = 25;

/** How often a waiting reply poll looks in the database (a reply stored by another Backend process). */
const REPLY_RECHECK_MS = 1_000;

const ReplyQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(MAX_REPLY_WAIT_SECONDS)
    .optional()
    .describe(
      `Seconds to hold the request while the reply is pending (at most ${MAX_REPLY_WAIT_SECONDS}); it answers as soon as the reply or failure is stored. Without it, 202 at once.`,
    ),
});

export function registerMessageRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createMessagesRepository(ctx.db);
  const conversations = createConversationsRepository(ctx.db);
  const tags = ['messages'];
  const maxLength = ctx.config.maxMessageLength;

  app.post(
    '/api/conversations/:id/messages',
    {
      onRequest: ctx.guards.user,
      // counted per student once the token is checked: logging in again buys no fresh allowance
      preHandler: async (request) => ctx.limiter.admitMessage(currentUser(request).id),
      schema: {
        tags,
        summary: 'Send a message; the reply is produced asynchronously',
        description:
          'Rate-limited per student (`MESSAGE_RATE_LIMIT_PER_MINUTE`, by counters all Backend replicas share): over it, 429 with a `detail` and `Retry-After`.',
        params: IdParams,
        body: PostMessageBody,
        response: { 200: PostMessageResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { content, purpose } = request.body;
      if (content.trim() === '') throw new Invalid('body.content: must not be empty');
      if (content.length > maxLength) throw new Invalid(`body.content: can have at most ${maxLength} characters`);
      const conversation = await ownedConversation(conversations, request.params.id, user.id);
      const message = await repo.addUserMessage(conversation.id, content, purpose, async (tx, saved) => {
        if (purpose === 'test') return;
        const clarification = await repo.pendingClarification(tx, conversation.id);
        const job: ChatTurnJob = {
          user_id: user.id,
          conversation_id: conversation.id,
          message_id: saved.id,
          purpose,
          message_content: saved.content,
          timestamp: iso(saved.timestamp),
          ...(clarification && {
            is_follow_up_response: true,
            original_query: clarification.originalQuery,
            follow_up_questions: clarification.followUpQuestions,
          }),
        };
        await ctx.queue.send(QUEUE_NAMES.chatTurn, job, { tx, singletonKey: `message:${saved.id}` });
      });
      return { success: true as const, message: toMessageDto(message) };
    },
  );

  app.get(
    '/api/conversations/:id/messages',
    { onRequest: ctx.guards.user, schema: { tags, params: IdParams, response: { 200: MessageList } } },
    async (request) => {
      const conversation = await ownedConversation(conversations, request.params.id, currentUser(request).id);
      const rows = await repo.listForConversation(conversation.id);
      return { success: true, messages: rows.map(toMessageDto) };
    },
  );

  app.get(
    '/api/messages/:id/response',
    {
      onRequest: ctx.guards.user,
      schema: {
        tags,
        summary: "The coach's reply to a student message: 202 (body null) while pending",
        description:
          'With `wait`, a pending reply holds the request (long polling) until the reply or failure is stored or the wait is over.',
        params: IdParams,
        querystring: ReplyQuery,
      },
    },
    async (request, reply) => {
      const deadline = Date.now() + (request.query.wait ?? 0) * 1000;
      for (;;) {
        // one query a look: the message, its owner and the reply
        const found = await repo.findWithOwnerAndReply(request.params.id);
        if (!found || found.userId !== currentUser(request).id)
          throw new NotFound(`Message ${request.params.id} not found.`);
        if (!found.message.isUser)
          throw new NotFound(`Message ${request.params.id} is the coach's message, not a student's.`);
        if (found.reply) return reply.status(200).send(toMessageDto(found.reply));
        if (found.message.replyError) {
          throw new HttpError(
            TURN_FAILED_STATUS,
            `The coach could not answer this message (${found.message.replyError}). Please send it again.`,
          );
        }
        const left = deadline - Date.now();
        if (left <= 0 || request.raw.socket.destroyed) return reply.status(202).send(null);
        await ctx.replies.wait(found.message.id, Math.min(left, REPLY_RECHECK_MS));
      }
    },
  );

  app.get(
    '/api/messages/:id/pipeline_steps',
    {
      onRequest: ctx.guards.userOrAdmin,
      schema: {
        tags,
        summary: "The Brain's pipeline steps for a coach message",
        params: IdParams,
        response: { 200: PipelineSteps },
      },
    },
    async (request) => {
      const found = await repo.findWithOwner(request.params.id);
      const caller = request.caller;
      const visible =
        found && (caller?.kind === 'admin' || (caller?.kind === 'user' && caller.user.id === found.userId));
      if (!visible) throw new NotFound(`Message ${request.params.id} not found.`);
      const data = await repo.findPipelineData(found.message.id);
      if (!data) throw new NotFound(`Message ${request.params.id} has no pipeline data.`);
      const steps = data.pipelineData.steps;
      return Array.isArray(steps) ? steps : [];
    },
  );

  app.post(
    '/api/internal/brain_response',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "The Brain's reply to a student message (idempotent per original_message_id)",
        body: BrainResponseRequest,
        response: { 202: BrainResponseAccepted },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const found = await repo.findWithOwner(body.original_message_id);
      if (!found) throw new NotFound(`Message ${body.original_message_id} not found.`);
      if (!found.message.isUser)
        throw new Invalid(`original_message_id ${body.original_message_id} is not a student message.`);
      if (found.message.conversationId !== body.conversation_id || found.userId !== body.user_id) {
        throw new Invalid(
          `Message ${body.original_message_id} does not belong to conversation ${body.conversation_id} of user ${body.user_id}.`,
        );
      }
      const promptVersionId = body.prompt_version_id ?? null;
      if (promptVersionId !== null) {
        const [version] = await ctx.db
          .select({ id: promptVersions.id })
          .from(promptVersions)
          .where(eq(promptVersions.id, promptVersionId));
        if (!version) throw new Invalid(`prompt_version_id ${promptVersionId} does not exist.`);
      }
      const saved = await repo.addReply({
        conversationId: body.conversation_id,
        userMessageId: body.original_message_id,
        content: body.llm_response,
        pipelineData: body.pipeline_data,
        promptVersionId,
      });
      ctx.replies.settled(body.original_message_id);
      return reply.status(202).send({ success: true as const, message_id: saved.reply.id, duplicate: saved.duplicate });
    },
  );

  app.post(
    '/api/internal/brain_failure',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: 'The Brain gave up on a student message; the response route reports it',
        body: BrainFailureBody,
        response: { 202: z.object({ success: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const found = await repo.findWithOwner(request.body.original_message_id);
      if (!found?.message.isUser) throw new NotFound(`Message ${request.body.original_message_id} not found.`);
      await repo.markReplyFailed(found.message.id, request.body.detail);
      ctx.replies.settled(found.message.id);
      return reply.status(202).send({ success: true as const });
    },
  );

  app.get(
    '/api/internal/conversations/:id/messages_for_brain',
    {
      onRequest: ctx.guards.internal,
      schema: { tags: ['internal'], params: IdParams, response: { 200: MessageList } },
    },
    async (request) => {
      const conversation = await conversations.findById(request.params.id);
      if (!conversation) throw new NotFound(`Conversation ${request.params.id} not found.`);
      const rows = await repo.listForConversation(conversation.id);
      return { success: true, messages: rows.map(toMessageDto) };
    },
  );
}
