import { GeneratorRevisionBody, PersonaRevisionRecord, RevisionWithPersona } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import { UserIdParams } from '../personas/schemas.ts';
import {
  RejectBody,
  ReviewQueueItem,
  RevisionQueueQuery,
  studentLabel,
  toRevisionDto,
  toRevisionWithPersonaDto,
} from './schemas.ts';
import { personaRevisionsServiceFor } from './service.ts';

export function registerPersonaRevisionRoutes(app: ZodApp, ctx: AppContext): void {
  const revisions = personaRevisionsServiceFor(ctx);
  const tags = ['persona revisions'];
  const read = ctx.guards.staff('read');
  const review = ctx.guards.staff('review');

  app.post(
    '/api/internal/users/:user_id/persona-revisions',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary:
          "The generator writes a student's persona: a revision, its evidence checked, approved or held for review",
        params: UserIdParams,
        body: GeneratorRevisionBody,
        response: { 201: RevisionWithPersona },
      },
    },
    async (request, reply) => {
      const written = await revisions.writeGeneratorRevision(request.params.user_id, request.body);
      return reply.status(201).send(toRevisionWithPersonaDto(written));
    },
  );

  app.get(
    '/api/users/:user_id/persona/revisions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: "A student's persona revisions, newest first",
        params: UserIdParams,
        response: { 200: z.array(PersonaRevisionRecord) },
      },
    },
    async (request) => (await revisions.listForStudent(request.params.user_id)).map(toRevisionDto),
  );

  app.get(
    '/api/persona-revisions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'The review queue across students (default: pending), oldest first',
        querystring: RevisionQueueQuery,
        response: { 200: z.array(ReviewQueueItem) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const rows = await revisions.queue(status, limit, offset);
      return rows.map(({ revision, name }) => ({
        ...toRevisionDto(revision),
        name: studentLabel(revision.userId, name),
      }));
    },
  );

  app.get(
    '/api/persona-revisions/:id',
    {
      onRequest: read,
      schema: { tags, summary: 'One persona revision', params: IdParams, response: { 200: PersonaRevisionRecord } },
    },
    async (request) => toRevisionDto(await revisions.find(request.params.id)),
  );

  app.post(
    '/api/persona-revisions/:id/approve',
    {
      onRequest: review,
      schema: {
        tags,
        summary: 'Approve a pending revision: it becomes the current persona (409 when it is not pending)',
        params: IdParams,
        response: { 200: RevisionWithPersona },
      },
    },
    async (request) => toRevisionWithPersonaDto(await revisions.approve(actorOf(request), request.params.id)),
  );

  app.post(
    '/api/persona-revisions/:id/reject',
    {
      onRequest: review,
      schema: {
        tags,
        summary: 'Reject a pending revision with a reason; the current persona stays (409 when it is not pending)',
        params: IdParams,
        body: RejectBody,
        response: { 200: PersonaRevisionRecord },
      },
    },
    async (request) => toRevisionDto(await revisions.reject(actorOf(request), request.params.id, request.body.reason)),
  );

  app.post(
    '/api/persona-revisions/:id/restore',
    {
      onRequest: review,
      schema: {
        tags,
        summary: "Restore a revision's persona as a new approved revision",
        params: IdParams,
        response: { 201: PersonaRevisionRecord },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toRevisionDto(await revisions.restore(actorOf(request), request.params.id))),
  );
}
