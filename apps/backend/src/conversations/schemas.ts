import { z } from 'zod';

const Title = z.string().trim().max(200, { error: 'a title can have at most 200 characters' });

export const CreateConversationBody = z.object({ title: Title.nullish() }).default({});
export const RenameConversationBody = z.object({ title: Title.min(1, { error: 'must not be empty' }) });

export const ConversationDto = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    title: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Conversation' });
export type ConversationDto = z.infer<typeof ConversationDto>;

export const ConversationSummary = z
  .object({ id: z.number().int(), title: z.string(), updated_at: z.string() })
  .meta({ id: 'ConversationSummary' });
