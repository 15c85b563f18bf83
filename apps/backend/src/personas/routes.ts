import { PersonaRecord } from '@coach/core';
import { createPersonasRepository } from '@coach/data';
import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser, operatorActor } from '../http/auth.ts';
import { personaRevisionsServiceFor } from '../persona-revisions/service.ts';
import { MyPersonaDto, toMyPersonaDto, toPersonaDto, UpsertPersonaBody, UserIdParams } from './schemas.ts';
import { createPersonasService } from './service.ts';

export function registerPersonaRoutes(app: ZodApp, ctx: AppContext): void {
  const personas = createPersonasService({
    personas: createPersonasRepository(ctx.db),
    revisions: personaRevisionsServiceFor(ctx),
  });

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
    async (request) =>
      toPersonaDto(await personas.save(operatorActor(request), request.body.user_id, request.body.persona_data)),
  );

  app.get(
    '/api/internal/users/:user_id/persona',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "A student's persona, as the Brain reads it",
        params: UserIdParams,
        response: { 200: PersonaRecord },
      },
    },
    async (request) => toPersonaDto(await personas.forUser(request.params.user_id)),
  );

  app.get(
    '/api/me/persona',
    {
      onRequest: ctx.guards.user,
      schema: {
        tags: ['personas'],
        summary: 'What the coach knows about me: my current (approved) persona, or 404 when there is none',
        response: { 200: MyPersonaDto },
      },
    },
    async (request) => toMyPersonaDto(await personas.mine(currentUser(request).id)),
  );
}
