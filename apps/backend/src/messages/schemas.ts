import { BrainResponseBody, MessageRecord } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { MessageRow } from './repository.ts';

export const PostMessageBody = z.object({
  content: z.string({ error: 'is required and must be a string' }),
  purpose: z.enum(['chat', 'test-prompt', 'test'], { error: 'must be one of chat, test-prompt, test' }).default('chat'),
});

export const PostMessageResponse = z.object({ success: z.literal(true), message: MessageRecord });
export type PostMessageResponse = z.infer<typeof PostMessageResponse>;

export const MessageList = z.object({ success: z.boolean(), messages: z.array(MessageRecord) });

export const PipelineSteps = z.array(z.record(z.string(), z.unknown())).meta({ id: 'PipelineSteps' });

export const BrainResponseAccepted = z.object({
  success: z.literal(true),
  message_id: z.number().int(),
  duplicate: z.boolean().describe('true when this turn had already been answered; nothing new was saved'),
});

/** The Brain's reply. Its `steps` are what pipeline_steps answers with, so they must be a list of objects. */
export const BrainResponseRequest = BrainResponseBody.refine(
  (body) => body.pipeline_data.steps === undefined || PipelineSteps.safeParse(body.pipeline_data.steps).success,
  { error: 'must be a list of objects', path: ['pipeline_data', 'steps'] },
);

/** A message as the API answers it; a coach message carries its clarification columns too. */
export function toMessageDto(row: MessageRow): MessageRecord {
  const message = { id: row.id, content: row.content, is_user: row.isUser, timestamp: iso(row.timestamp) };
  if (row.isUser) return message;
  return {
    ...message,
    needs_clarification: row.needsClarification,
    follow_up_questions: row.followUpQuestions,
    original_query: row.originalQuery,
  };
}
