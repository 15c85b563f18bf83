import { z } from 'zod';
import { AuditActorRecord } from './audit.ts';
import { Id, JsonObject, PersonaRecord, Timestamp } from './records.ts';

/**
 * Persona governance: every write of a persona is an immutable revision; the current persona is the
 * latest approved one (docs/api/persona-revisions.md).
 */

export const PersonaRevisionStatus = z.enum(['approved', 'pending', 'rejected', 'superseded']);
export type PersonaRevisionStatus = z.infer<typeof PersonaRevisionStatus>;

export const PersonaRevisionSource = z.enum(['generator', 'operator', 'restore']);
export type PersonaRevisionSource = z.infer<typeof PersonaRevisionSource>;

export const PersonaReviewPolicy = z.enum(['off', 'changes', 'all']);
export type PersonaReviewPolicy = z.infer<typeof PersonaReviewPolicy>;

/** One top-level key that differs from the persona that was current when the revision was made. */
export const PersonaDiffEntry = z
  .object({
    key: z.string(),
    change: z.enum(['added', 'changed', 'removed']),
    before: z.unknown().describe('The value in the current persona (null when added)'),
    after: z.unknown().describe('The value in this revision (null when removed)'),
  })
  .meta({ id: 'PersonaDiffEntry' });
export type PersonaDiffEntry = z.infer<typeof PersonaDiffEntry>;

/** A piece of evidence as stored: checked against the student's own memory and conversation. */
export const PersonaEvidence = z
  .object({
    memory_id: z.number().int(),
    conversation_id: z.number().int(),
    quote: z.string().describe('Words found in that memory or in what the student wrote in that conversation'),
  })
  .meta({ id: 'PersonaEvidence' });
export type PersonaEvidence = z.infer<typeof PersonaEvidence>;

/**
 * What the generator claims supports one key: a memory id and words from it. Claims are checked by the
 * Backend before they become `evidence`; the model's word is never taken for it.
 */
export const PersonaEvidenceClaim = z
  .object({
    key: z.string().describe('The persona key this supports, e.g. "inferred_interests"'),
    memory_id: z.number().int().describe('The id of the memory the words come from'),
    quote: z.string().describe("Words copied exactly from that memory or from the student's own messages"),
  })
  .meta({ id: 'PersonaEvidenceClaim' });
export type PersonaEvidenceClaim = z.infer<typeof PersonaEvidenceClaim>;

export const PersonaRevisionRecord = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    number: z.number().int().describe('1, 2, 3 … per student'),
    status: PersonaRevisionStatus,
    source: PersonaRevisionSource,
    persona_data: JsonObject,
    diff: z.array(PersonaDiffEntry),
    evidence: z.record(z.string(), z.array(PersonaEvidence)),
    unsupported_keys: z.array(z.string()).describe('Non-empty keys of a generator revision left without evidence'),
    flagged_keys: z
      .array(z.string())
      .describe('Keys whose value reads like an instruction to the model (shown to operators; held for review)'),
    job_id: z.number().int().nullable(),
    created_at: Timestamp,
    decided_at: Timestamp.nullable(),
    decided_by: AuditActorRecord.nullable().describe(
      "Who approved or rejected it (an operator, or the admin token); null while pending, for the generator's approvals and supersessions",
    ),
    reason: z.string().nullable(),
  })
  .meta({ id: 'PersonaRevisionRecord' });
export type PersonaRevisionRecord = z.infer<typeof PersonaRevisionRecord>;

/** What a sync generation answer and a job result say about the revision a persona step wrote. */
export const PersonaRevisionRef = z
  .object({ id: z.number().int(), number: z.number().int(), status: PersonaRevisionStatus })
  .meta({ id: 'PersonaRevisionRef' });
export type PersonaRevisionRef = z.infer<typeof PersonaRevisionRef>;

/** `POST /api/internal/users/{user_id}/persona-revisions`: the Brain's generator writes a revision. */
export const GeneratorRevisionBody = z
  .object({
    persona_data: JsonObject,
    evidence: z.array(PersonaEvidenceClaim).default([]),
    job_id: Id.nullable().default(null),
  })
  .meta({ id: 'GeneratorRevisionBody' });
export type GeneratorRevisionBody = z.input<typeof GeneratorRevisionBody>;

/** The answer to a revision write or an approval: the revision, and the current persona after it. */
export const RevisionWithPersona = z
  .object({ revision: PersonaRevisionRecord, persona: PersonaRecord.nullable() })
  .meta({ id: 'RevisionWithPersona' });
export type RevisionWithPersona = z.infer<typeof RevisionWithPersona>;
