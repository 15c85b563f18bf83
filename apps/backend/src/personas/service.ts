import type { AuditActor, PersonaRow, PersonasRepository } from '@coach/data';
import { NotFound } from '@coach/runtime';
import type { PersonaRevisionsService } from '../persona-revisions/service.ts';

/** Students' current personas: written as revisions, read as the latest approved one. */
export function createPersonasService(deps: { personas: PersonasRepository; revisions: PersonaRevisionsService }) {
  return {
    /**
     * An operator's (or an older Brain's) upsert: an approved revision with source "operator", audited
     * with its actor; `actor` null for the Brain's internal token.
     */
    async save(actor: AuditActor | null, userId: number, personaData: Record<string, unknown>): Promise<PersonaRow> {
      return deps.revisions.writeOperatorRevision(actor, userId, personaData);
    },

    /** The student's own persona; a pending or rejected revision is never shown. */
    async mine(userId: number): Promise<PersonaRow> {
      const persona = await deps.personas.findByUser(userId);
      if (!persona) throw new NotFound('The coach has not written anything about you yet.');
      return persona;
    },

    async forUser(userId: number): Promise<PersonaRow> {
      const persona = await deps.personas.findByUser(userId);
      if (!persona) throw new NotFound(`No persona for user ${userId}.`);
      return persona;
    },
  };
}
export type PersonasService = ReturnType<typeof createPersonasService>;
