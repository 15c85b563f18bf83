import { BrainFailureBody, MessageRecord } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import { currentStudentId, studentTokenGuard } from '../http/student-token.ts';
import {
  BrainResponseAccepted,
  BrainResponseRequest,
  MessageList,
  PipelineSteps,
  PostMessageBody,
  PostMessageResponse,
  toMessageDto,
  toMessageForModels,
} from './schemas.ts';
import { createMessagesService, type StepsViewer } from './service.ts';

/** The longest `wait` a reply poll may ask for, in seconds (below common proxy idle timeouts). */
export const MAX_REPLY_WAIT_SECONDS = 25;

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
  const messages = createMessagesService({
    db: ctx.db,
    queue: ctx.queue,
    replies: ctx.replies,
    maxMessageLength: ctx.config.maxMessageLength,
    limiter: ctx.limiter,
    safety: ctx.config.safety,
    webhook: ctx.config.safetyWebhookUrl !== undefined,
    logger: app.log,
  });
  const tags = ['messages'];
  const studentToken = studentTokenGuard(ctx.secrets, ctx.guards.user);

  app.post(
    '/api/conversations/:id/messages',
    {
      // the token only: the account, the rate limit (counted per student, so logging in again buys no
      // fresh allowance) and the ownership are checked in the transaction that stores the message
      onRequest: studentToken,
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
      const { content, purpose } = request.body;
      const message = await messages.send(currentStudentId(request), request.params.id, content, purpose);
      return { success: true as const, message: toMessageDto(message) };
    },
  );

  app.get(
    '/api/conversations/:id/messages',
    { onRequest: ctx.guards.user, schema: { tags, params: IdParams, response: { 200: MessageList } } },
    async (request) => {
      const rows = await messages.listForStudent(currentUser(request).id, request.params.id);
      return { success: true, messages: rows.map(toMessageDto) };
    },
  );

  app.get(
    '/api/messages/:id/response',
    {
      // the token only: the first look checks the account with the message (one statement)
      onRequest: studentToken,
      schema: {
        tags,
        summary: "The coach's reply to a student message: 202 (body null) while pending",
        description:
          'With `wait`, a pending reply holds the request (long polling) until the reply or failure is stored or the wait is over.',
        params: IdParams,
        querystring: ReplyQuery,
        response: { 200: MessageRecord, 202: z.null().describe('The reply is still being produced: ask again') },
      },
    },
    async (request, reply) => {
      const answer = await messages.replyTo(currentStudentId(request), request.params.id, {
        ms: (request.query.wait ?? 0) * 1000,
        abandoned: () => request.raw.socket.destroyed,
      });
      return answer ? reply.status(200).send(toMessageDto(answer)) : reply.status(202).send(null);
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
      const viewer: StepsViewer =
        request.caller?.kind === 'user' ? { kind: 'user', userId: request.caller.user.id } : { kind: 'admin' };
      return messages.pipelineSteps(request.params.id, viewer);
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
      const saved = await messages.storeReply({
        userId: body.user_id,
        conversationId: body.conversation_id,
        userMessageId: body.original_message_id,
        content: body.llm_response,
        pipelineData: body.pipeline_data,
        needsClarification: body.needs_clarification,
        followUpQuestions: body.follow_up_questions,
        originalQuery: body.original_query,
        promptVersionId: body.prompt_version_id ?? null,
      });
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
      await messages.recordFailure(request.body.original_message_id, request.body.detail);
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
      const rows = await messages.listForBrain(request.params.id);
      // what memory and persona generation read: a message the screen withheld stays withheld
      return { success: true, messages: rows.map(toMessageForModels) };
    },
  );
}
