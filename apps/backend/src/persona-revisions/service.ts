import {
  type CheckedEvidence,
  checkEvidence,
  contactDetailRefusal,
  diffPersonas,
  type EvidenceSource,
  type GeneratorRevisionBody,
  generatorRevisionStatus,
  instructionLikeKeys,
  type PersonaReviewPolicy,
  type PersonaRevisionSource,
  type PersonaRevisionStatus,
} from '@coach/core';
import type { AuditActor, Db } from '@coach/data';
import { createPersonasRepository, type PersonaRow } from '@coach/data';
import { Conflict, Invalid, NotFound } from '@coach/runtime';
import type { AppContext } from '../app-context.ts';
import { type AuditEntry, recordAudit } from '../audit/repository.ts';
import { settingsServiceFor } from '../settings/service.ts';
import type { UsersRepository } from '../users/repository.ts';
import { createPersonaRevisionsRepository, type PersonaRevisionsRepository, type RevisionRow } from './repository.ts';

/** The claims read per generator revision: far more than a persona's keys can use. */
const MAX_CLAIMS = 200;

const isRowId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;

/** A revision's audit entry: the student's id, the revision's number and its keys (never its values). */
function revisionEntry(action: string, revision: RevisionRow, details: Record<string, unknown> = {}): AuditEntry {
  return {
    action,
    targetType: 'persona_revision',
    targetId: revision.id,
    details: { user_id: revision.userId, number: revision.number, keys: Object.keys(revision.personaData), ...details },
  };
}

export interface RevisionWithCurrent {
  revision: RevisionRow;
  /** The student's current persona after the write; null when they have none. */
  persona: PersonaRow | null;
}

interface RevisionInput {
  source: PersonaRevisionSource;
  personaData: Record<string, unknown>;
  evidence?: CheckedEvidence;
  jobId?: number | null;
  /** Who approved it as it was made (an operator's write, a restore); null for the generator's. */
  decidedBy?: AuditActor | null;
  /** How the revision starts, knowing what it changes and which values read like instructions. */
  status: (
    revision: Pick<RevisionRow, 'diff' | 'flaggedKeys'>,
  ) => Extract<PersonaRevisionStatus, 'approved' | 'pending'>;
}

/**
 * Persona revisions (docs/api/persona-revisions.md): every persona write is a revision; the current
 * persona (`user_personas`) is the latest approved one. Each write and decision runs in one transaction
 * holding the student's lock, and moves a revision out of `pending` only if it still is, so two
 * operators (or an operator and the generator) racing on one student are served one after the other.
 */
export function createPersonaRevisionsService(deps: {
  db: Db;
  users: UsersRepository;
  personaReview: () => Promise<PersonaReviewPolicy>;
}) {
  const repos = (db: Db) => ({
    revisions: createPersonaRevisionsRepository(db),
    personas: createPersonasRepository(db),
  });
  const reads = repos(deps.db);

  async function lockStudent(revisions: PersonaRevisionsRepository, userId: number) {
    if (!(await revisions.lockStudent(userId))) throw new NotFound(`User ${userId} not found.`);
  }

  /** Writes a revision against the student's current persona; an approved one becomes current. Caller holds the lock. */
  async function writeRevision(tx: Db, userId: number, input: RevisionInput): Promise<RevisionWithCurrent> {
    // every persona write comes through here: the generator's, an operator's upsert, a restore (docs/SAFETY.md)
    const field = input.source === 'restore' ? "the restored revision's persona_data" : 'body.persona_data';
    const refusal = contactDetailRefusal(input.personaData, field);
    if (refusal) throw new Invalid(refusal);
    const { revisions, personas } = repos(tx);
    const current = await personas.findByUser(userId);
    const diff = diffPersonas(current?.personaData ?? null, input.personaData);
    const flaggedKeys = instructionLikeKeys(input.personaData);
    const status = input.status({ diff, flaggedKeys });
    if (input.source === 'generator') await revisions.supersedePending(userId);
    const revision = await revisions.insert({
      userId,
      status,
      source: input.source,
      personaData: input.personaData,
      diff,
      evidence: input.evidence?.evidence ?? {},
      unsupportedKeys: input.evidence?.unsupportedKeys ?? [],
      flaggedKeys,
      jobId: input.jobId ?? null,
      decidedBy: status === 'approved' ? (input.decidedBy ?? null) : null,
    });
    if (status !== 'approved') return { revision, persona: current ?? null };
    return { revision, persona: await personas.setCurrent(userId, revision.personaData, revision.id) };
  }

  /** The claims checked against the student's own memories and their own messages in those conversations. */
  async function checkedEvidence(
    revisions: PersonaRevisionsRepository,
    userId: number,
    body: { persona_data: Record<string, unknown>; evidence: GeneratorRevisionBody['evidence'] },
  ): Promise<CheckedEvidence> {
    // an id no memory can have is dropped here, before it reaches an integer column's query
    const claims = (body.evidence ?? []).filter((claim) => isRowId(claim.memory_id)).slice(0, MAX_CLAIMS);
    const memories = await revisions.listStudentMemories(userId, [...new Set(claims.map((c) => c.memory_id))]);
    const messages = await revisions.listStudentMessages([...new Set(memories.map((m) => m.conversationId))]);
    const sources = new Map<number, EvidenceSource>(
      memories.map((memory) => [
        memory.id,
        {
          memoryId: memory.id,
          conversationId: memory.conversationId,
          memoryData: memory.memoryData,
          studentMessages: messages.filter((m) => m.conversationId === memory.conversationId).map((m) => m.content),
        },
      ]),
    );
    return checkEvidence({ personaData: body.persona_data, claims, sources });
  }

  /** A revision to decide on, with its student locked; 404 when there is no such revision. */
  async function lockedRevision(revisions: PersonaRevisionsRepository, id: number): Promise<RevisionRow> {
    const revision = await revisions.findById(id);
    if (!revision) throw new NotFound(`Persona revision ${id} not found.`);
    await lockStudent(revisions, revision.userId);
    return revision;
  }

  async function notPending(revisions: PersonaRevisionsRepository, id: number): Promise<never> {
    const now = await revisions.findById(id);
    throw new Conflict(`Persona revision ${id} is ${now?.status ?? 'gone'}, not pending.`);
  }

  return {
    /** What the generator wrote, its evidence checked; approved or held by the review policy. */
    async writeGeneratorRevision(
      userId: number,
      body: {
        persona_data: Record<string, unknown>;
        evidence: GeneratorRevisionBody['evidence'];
        job_id: number | null;
      },
    ): Promise<RevisionWithCurrent> {
      const policy = await deps.personaReview();
      return deps.db.transaction(async (tx) => {
        const { revisions } = repos(tx);
        await lockStudent(revisions, userId);
        const evidence = await checkedEvidence(revisions, userId, body);
        return writeRevision(tx, userId, {
          source: 'generator',
          personaData: body.persona_data,
          evidence,
          jobId: body.job_id,
          status: (revision) => generatorRevisionStatus(policy, revision),
        });
      });
    },

    /**
     * An operator's upsert: approved at once; answers the current persona. `actor`: null for the Brain
     * (the internal token), whose writes are not an operator's and are not audited.
     */
    async writeOperatorRevision(
      actor: AuditActor | null,
      userId: number,
      personaData: Record<string, unknown>,
    ): Promise<PersonaRow> {
      return deps.db.transaction(async (tx) => {
        await lockStudent(repos(tx).revisions, userId);
        const written = await writeRevision(tx, userId, {
          source: 'operator',
          personaData,
          status: () => 'approved',
          decidedBy: actor,
        });
        if (actor) await recordAudit(tx, actor, revisionEntry('persona.upsert', written.revision));
        return written.persona!;
      });
    },

    /** A new approved revision with an earlier revision's persona. */
    async restore(actor: AuditActor, id: number): Promise<RevisionRow> {
      return deps.db.transaction(async (tx) => {
        const earlier = await lockedRevision(repos(tx).revisions, id);
        const written = await writeRevision(tx, earlier.userId, {
          source: 'restore',
          personaData: earlier.personaData,
          status: () => 'approved',
          decidedBy: actor,
        });
        await recordAudit(
          tx,
          actor,
          revisionEntry('persona_revision.restore', written.revision, { restored_number: earlier.number }),
        );
        return written.revision;
      });
    },

    /** A pending revision approved: it becomes the current persona, whole. 409 when it is not pending. */
    async approve(actor: AuditActor, id: number): Promise<RevisionWithCurrent> {
      return deps.db.transaction(async (tx) => {
        const { revisions, personas } = repos(tx);
        await lockedRevision(revisions, id);
        const approved = await revisions.decide(id, { status: 'approved', decidedBy: actor });
        if (!approved) return notPending(revisions, id);
        await recordAudit(tx, actor, revisionEntry('persona_revision.approve', approved));
        return {
          revision: approved,
          persona: await personas.setCurrent(approved.userId, approved.personaData, approved.id),
        };
      });
    },

    /** A pending revision rejected, with the operator's reason; the current persona stays. 409 when it is not pending. */
    async reject(actor: AuditActor, id: number, reason: string | null): Promise<RevisionRow> {
      return deps.db.transaction(async (tx) => {
        const { revisions } = repos(tx);
        await lockedRevision(revisions, id);
        const rejected = await revisions.decide(id, { status: 'rejected', reason, decidedBy: actor });
        if (!rejected) return notPending(revisions, id);
        await recordAudit(tx, actor, revisionEntry('persona_revision.reject', rejected, { reason }));
        return rejected;
      });
    },

    async find(id: number): Promise<RevisionRow> {
      const revision = await reads.revisions.findById(id);
      if (!revision) throw new NotFound(`Persona revision ${id} not found.`);
      return revision;
    },

    /** A student's revisions, newest first; 404 for a student who does not exist. */
    async listForStudent(userId: number): Promise<RevisionRow[]> {
      if (!(await deps.users.findById(userId))) throw new NotFound(`User ${userId} not found.`);
      return reads.revisions.listForUser(userId);
    },

    async queue(status: PersonaRevisionStatus, limit: number, offset: number) {
      return reads.revisions.listByStatus(status, limit, offset);
    },
  };
}
export type PersonaRevisionsService = ReturnType<typeof createPersonaRevisionsService>;

/** The revision service of a Backend process, reading the review policy from the settings. */
export function personaRevisionsServiceFor(ctx: Pick<AppContext, 'db' | 'config' | 'repos'>): PersonaRevisionsService {
  const settings = settingsServiceFor(ctx.db, ctx.config);
  return createPersonaRevisionsService({ db: ctx.db, users: ctx.repos.users, personaReview: settings.personaReview });
}
