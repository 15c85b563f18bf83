import { AuditActorRecord, Timestamp } from '@coach/core';
import { z } from 'zod';
import { iso, Pagination } from '../http/params.ts';
import { studentLabel } from '../persona-revisions/schemas.ts';
import type { SafetyAlertRow } from './repository.ts';

export const MAX_NOTE_LENGTH = 1000;

export const AlertStatus = z.enum(['open', 'resolved'], { error: 'must be open or resolved' });

export const AlertListQuery = Pagination.extend({
  status: AlertStatus.default('open').describe('open (the default) or resolved'),
});

export const ResolveAlertBody = z
  .object({
    note: z
      .string()
      .trim()
      .max(MAX_NOTE_LENGTH, { error: `can have at most ${MAX_NOTE_LENGTH} characters` })
      .nullish()
      .describe('What the adult did about it (who was told, what was agreed)'),
  })
  .nullish()
  .transform((body) => ({ note: body?.note || null }));

/** What operators see of an alert: the message's ids to open it in its conversation, never more of its words than the excerpt. */
export const SafetyAlertDto = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    name: z.string().describe('The student\'s name ("Student <id>" for one who logged in by phone number)'),
    conversation_id: z.number().int().nullable().describe('null once the student deleted the conversation'),
    message_id: z.number().int().nullable().describe('The flagged student message; null once deleted'),
    category: z.string().describe('What the screen found: self_harm, violence, sexual, bullying, contact_info …'),
    severity: z.string().describe('low, medium or high'),
    excerpt: z.string().describe('The flagged message, cut to its first 200 characters, contact details redacted'),
    status: AlertStatus,
    note: z.string().nullable(),
    created_at: Timestamp,
    resolved_at: Timestamp.nullable(),
    resolved_by: AuditActorRecord.nullable().describe(
      'Who resolved it (an operator, or the admin token); null while open',
    ),
  })
  .meta({ id: 'SafetyAlert' });
export type SafetyAlertDto = z.infer<typeof SafetyAlertDto>;

export function toSafetyAlertDto(row: SafetyAlertRow, name: string | null): SafetyAlertDto {
  return {
    id: row.id,
    user_id: row.userId,
    name: studentLabel(row.userId, name),
    conversation_id: row.conversationId,
    message_id: row.messageId,
    category: row.category,
    severity: row.severity,
    excerpt: row.excerpt,
    status: row.status,
    note: row.note,
    created_at: iso(row.createdAt),
    resolved_at: row.resolvedAt ? iso(row.resolvedAt) : null,
    resolved_by: row.resolvedBy,
  };
}
