import { PersonaRevisionRecord, PersonaRevisionStatus } from '@coach/core';
import { z } from 'zod';
import { iso, Pagination } from '../http/params.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import type { RevisionRow } from './repository.ts';
import type { RevisionWithCurrent } from './service.ts';

export const RevisionQueueQuery = Pagination.extend({
  status: z
    .enum(PersonaRevisionStatus.options, { error: 'must be one of approved, pending, rejected, superseded' })
    .default('pending'),
});

export const RejectBody = z
  .object({
    reason: z
      .string()
      .trim()
      .max(1000, { error: 'can have at most 1000 characters' })
      .nullish()
      .describe('Why the revision is rejected, for the other operators'),
  })
  .nullish()
  .transform((body) => ({ reason: body?.reason || null }));

export const ReviewQueueItem = PersonaRevisionRecord.extend({
  name: z.string().describe('The student\'s name ("Student <id>" for one who logged in by phone number)'),
}).meta({ id: 'PersonaReviewQueueItem' });

export function toRevisionDto(row: RevisionRow): PersonaRevisionRecord {
  return {
    id: row.id,
    user_id: row.userId,
    number: row.number,
    status: row.status,
    source: row.source,
    persona_data: row.personaData,
    diff: row.diff,
    evidence: row.evidence,
    unsupported_keys: row.unsupportedKeys,
    flagged_keys: row.flaggedKeys,
    job_id: row.jobId,
    created_at: iso(row.createdAt),
    decided_at: row.decidedAt ? iso(row.decidedAt) : null,
    decided_by: row.decidedBy,
    reason: row.reason,
  };
}

/** How the queue names a student: their name, or a stand-in for one who logged in by phone number. */
export const studentLabel = (userId: number, name: string | null) => name ?? `Student ${userId}`;

export function toRevisionWithPersonaDto(written: RevisionWithCurrent) {
  return { revision: toRevisionDto(written.revision), persona: written.persona ? toPersonaDto(written.persona) : null };
}
