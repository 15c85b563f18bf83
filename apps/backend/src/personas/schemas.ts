import { Id, IdParam, JsonObject, Timestamp } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { PersonaRow } from './repository.ts';

export const UpsertPersonaBody = z.object({ user_id: Id, persona_data: JsonObject });
export const UserIdParams = z.object({ user_id: IdParam });

export function toPersonaDto(row: PersonaRow) {
  return {
    id: row.id,
    user_id: row.userId,
    persona_data: row.personaData,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/** What a student sees of their own persona: the approved one, without ids. */
export const MyPersonaDto = z.object({ persona_data: JsonObject, updated_at: Timestamp }).meta({ id: 'MyPersona' });

export function toMyPersonaDto(row: PersonaRow): z.infer<typeof MyPersonaDto> {
  return { persona_data: row.personaData, updated_at: iso(row.updatedAt) };
}
