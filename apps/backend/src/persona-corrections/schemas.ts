import { ALLOWED_PERSONA_KEYS, AuditActorRecord, Timestamp } from '@coach/core';
import { z } from 'zod';
import { iso, Pagination } from '../http/params.ts';
import { studentLabel } from '../persona-revisions/schemas.ts';
import type { CorrectionRow } from './repository.ts';

export const MAX_CORRECTION_LENGTH = 1000;

export const CorrectionBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_CORRECTION_LENGTH, { error: `can have at most ${MAX_CORRECTION_LENGTH} characters` })
    .describe('What is not right, in the student’s words'),
  key: z
    .enum(ALLOWED_PERSONA_KEYS, { error: `must be one of ${ALLOWED_PERSONA_KEYS.join(', ')}` })
    .nullish()
    .describe('The part of the persona it is about, if the student chose one'),
});

export const ResolveBody = z
  .object({
    note: z
      .string()
      .trim()
      .max(MAX_CORRECTION_LENGTH, { error: `can have at most ${MAX_CORRECTION_LENGTH} characters` })
      .nullish()
      .describe('What the operator did about it'),
  })
  .nullish()
  .transform((body) => ({ note: body?.note || null }));

export const CorrectionQueueQuery = Pagination.extend({
  status: z.enum(['open', 'resolved'], { error: 'must be open or resolved' }).default('open'),
});

/** What the student sees of their request. */
export const StudentCorrectionDto = z
  .object({
    id: z.number().int(),
    status: z.enum(['open', 'resolved']),
    key: z.string().nullable(),
    text: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'PersonaCorrectionRequest' });

/** What operators see: the request, whose it is, and how it was resolved. */
export const CorrectionDto = StudentCorrectionDto.extend({
  user_id: z.number().int(),
  name: z.string().describe('The student\'s name ("Student <id>" for one who logged in by phone number)'),
  resolved_at: Timestamp.nullable(),
  resolved_by: AuditActorRecord.nullable().describe(
    'Who resolved it (an operator, or the admin token); null while open',
  ),
  note: z.string().nullable(),
}).meta({ id: 'PersonaCorrection' });

export function toStudentCorrectionDto(row: CorrectionRow): z.infer<typeof StudentCorrectionDto> {
  return { id: row.id, status: row.status, key: row.key, text: row.text, created_at: iso(row.createdAt) };
}

export function toCorrectionDto(row: CorrectionRow, name: string | null): z.infer<typeof CorrectionDto> {
  return {
    ...toStudentCorrectionDto(row),
    user_id: row.userId,
    name: studentLabel(row.userId, name),
    resolved_at: row.resolvedAt ? iso(row.resolvedAt) : null,
    resolved_by: row.resolvedBy,
    note: row.note,
  };
}
