import { Id, IdParam, JsonObject, Timestamp } from '@coach/core';
import { z } from 'zod';

export { toPersonaDto } from '@coach/data';

import type { PersonaRow } from '@coach/data';
import { iso } from '../http/params.ts';

export const UpsertPersonaBody = z.object({ user_id: Id, persona_data: JsonObject });
export const UserIdParams = z.object({ user_id: IdParam });

/** What a student sees of their own persona: the approved one, without ids. */
export const MyPersonaDto = z.object({ persona_data: JsonObject, updated_at: Timestamp }).meta({ id: 'MyPersona' });

export function toMyPersonaDto(row: PersonaRow): z.infer<typeof MyPersonaDto> {
  return { persona_data: row.personaData, updated_at: iso(row.updatedAt) };
}
