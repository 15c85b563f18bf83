import type { AuditActor, Db } from '@coach/data';
import { Conflict, NotFound } from '@coach/runtime';
import { recordAudit } from '../audit/repository.ts';
import type { RateLimiter } from '../rate-limits/service.ts';
import {
  type CorrectionRow,
  type CorrectionStatus,
  createPersonaCorrectionsRepository,
  type PersonaCorrectionsRepository,
} from './repository.ts';

/** A student's "this is not right" about what the coach believes of them, and the operators' answer. */
export function createPersonaCorrectionsService(deps: {
  db: Db;
  corrections: PersonaCorrectionsRepository;
  limiter: Pick<RateLimiter, 'admitPersonaCorrection'>;
}) {
  return {
    /** Counted against the student's hourly allowance before it is stored. */
    async request(userId: number, input: { text: string; key: string | null }): Promise<CorrectionRow> {
      await deps.limiter.admitPersonaCorrection(userId);
      return deps.corrections.insert({ userId, key: input.key, text: input.text });
    },

    async queue(status: CorrectionStatus, limit: number, offset: number) {
      return deps.corrections.listByStatus(status, limit, offset);
    },

    /** Resolves an open request with the operator's note, with its audit entry; 409 when it was resolved already. */
    async resolve(actor: AuditActor, id: number, note: string | null): Promise<CorrectionRow> {
      const resolved = await deps.db.transaction(async (tx) => {
        const row = await createPersonaCorrectionsRepository(tx).resolve(id, note, actor);
        if (row) {
          await recordAudit(tx, actor, {
            action: 'persona_correction.resolve',
            targetType: 'persona_correction',
            targetId: row.id,
            details: { user_id: row.userId, key: row.key, note },
          });
        }
        return row;
      });
      if (resolved) return resolved;
      const existing = await deps.corrections.findById(id);
      if (!existing) throw new NotFound(`Persona correction ${id} not found.`);
      throw new Conflict(`Persona correction ${id} is ${existing.status}, not open.`);
    },
  };
}
export type PersonaCorrectionsService = ReturnType<typeof createPersonaCorrectionsService>;
