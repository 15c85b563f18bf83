import { Id, IdParam, JsonObject, PersonaRecord } from '@coach/core';
import { isForeignKeyViolation, NotFound } from '@coach/runtime';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createPersonasRepository, toPersonaDto } from './repository.ts';

const UpsertPersonaBody = z.object({ user_id: Id, persona_data: JsonObject });
const UserIdParams = z.object({ user_id: IdParam });

export function registerPersonaRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createPersonasRepository(ctx.db);

  app.post(
    '/api/user-personas',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['personas'],
        summary: "Create or replace a student's persona",
        body: UpsertPersonaBody,
        response: { 200: PersonaRecord },
      },
    },
    async (request) => {
      const { user_id, persona_data } = request.body;
      try {
        return toPersonaDto(await repo.upsert(user_id, persona_data));
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new NotFound(`User ${user_id} not found.`);
        throw error;
      }
    },
  );

  app.get(
    '/api/internal/users/:user_id/persona',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "A student's persona (design document §1.b)",
        params: UserIdParams,
        response: { 200: PersonaRecord },
      },
    },
    async (request) => {
      const persona = await repo.findByUser(request.params.user_id);
      if (!persona) throw new NotFound(`No persona for user ${request.params.user_id}.`);
      return toPersonaDto(persona);
    },
  );
}
