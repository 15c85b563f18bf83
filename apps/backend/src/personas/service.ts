import { NotFound } from '@coach/runtime';
import type { PersonaRow, PersonasRepository } from './repository.ts';

/** Student personas as the Brain writes and reads them. */
export function createPersonasService(deps: { personas: PersonasRepository }) {
  return {
    /** A student who does not exist is the foreign key's 404 (the shared error handler). */
    async save(userId: number, personaData: Record<string, unknown>): Promise<PersonaRow> {
      return deps.personas.upsert(userId, personaData);
    },

    async forUser(userId: number): Promise<PersonaRow> {
      const persona = await deps.personas.findByUser(userId);
      if (!persona) throw new NotFound(`No persona for user ${userId}.`);
      return persona;
    },
  };
}
export type PersonasService = ReturnType<typeof createPersonasService>;
