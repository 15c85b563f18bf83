import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf, currentUser } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import { createUsersRepository } from '../users/repository.ts';
import { createPersonaCorrectionsRepository } from './repository.ts';
import {
  CorrectionBody,
  CorrectionDto,
  CorrectionQueueQuery,
  ResolveBody,
  StudentCorrectionDto,
  toCorrectionDto,
  toStudentCorrectionDto,
} from './schemas.ts';
import { createPersonaCorrectionsService } from './service.ts';

export function registerPersonaCorrectionRoutes(app: ZodApp, ctx: AppContext): void {
  const corrections = createPersonaCorrectionsService({
    db: ctx.db,
    corrections: createPersonaCorrectionsRepository(ctx.db),
    limiter: ctx.limiter,
  });
  const users = createUsersRepository(ctx.db);
  const tags = ['persona corrections'];

  app.post(
    '/api/me/persona/corrections',
    {
      onRequest: ctx.guards.user,
      schema: {
        tags,
        summary: 'Tell the operators something the coach believes about me is not right (rate-limited)',
        body: CorrectionBody,
        response: { 201: StudentCorrectionDto },
      },
    },
    async (request, reply) => {
      const { text, key } = request.body;
      const created = await corrections.request(currentUser(request).id, { text, key: key ?? null });
      return reply.status(201).send(toStudentCorrectionDto(created));
    },
  );

  app.get(
    '/api/persona-corrections',
    {
      onRequest: ctx.guards.staff('read'),
      schema: {
        tags,
        summary: "Students' correction requests (default: open), oldest first",
        querystring: CorrectionQueueQuery,
        response: { 200: z.array(CorrectionDto) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const rows = await corrections.queue(status, limit, offset);
      return rows.map(({ correction, name }) => toCorrectionDto(correction, name));
    },
  );

  app.post(
    '/api/persona-corrections/:id/resolve',
    {
      onRequest: ctx.guards.staff('review'),
      schema: {
        tags,
        summary: 'Resolve an open correction request with a note (409 when it is resolved already)',
        params: IdParams,
        body: ResolveBody,
        response: { 200: CorrectionDto },
      },
    },
    async (request) => {
      const resolved = await corrections.resolve(actorOf(request), request.params.id, request.body.note);
      const student = await users.findById(resolved.userId);
      return toCorrectionDto(resolved, student?.name ?? null);
    },
  );
}
