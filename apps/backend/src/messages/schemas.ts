import { BrainResponseBody, MessageRecord } from '@coach/core';
import { z } from 'zod';

export { toMessageDto, toMessageForModels } from '@coach/data';

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
