import type { ConversationRow } from '@coach/data';
import { z } from 'zod';
import { iso } from '../http/params.ts';

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

export function toConversationDto(row: ConversationRow) {
  return {
    id: row.id,
    user_id: row.userId,
    title: row.title,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function toConversationSummaryDto(row: Pick<ConversationRow, 'id' | 'title' | 'updatedAt'>) {
  return { id: row.id, title: row.title, updated_at: iso(row.updatedAt) };
}
