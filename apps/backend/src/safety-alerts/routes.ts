import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import { createUsersRepository } from '../users/repository.ts';
import { createSafetyAlertsRepository } from './repository.ts';
import { AlertListQuery, ResolveAlertBody, SafetyAlertDto, toSafetyAlertDto } from './schemas.ts';
import { createSafetyAlertsService } from './service.ts';

export function registerSafetyAlertRoutes(app: ZodApp, ctx: AppContext): void {
  const alerts = createSafetyAlertsService({ db: ctx.db, alerts: createSafetyAlertsRepository(ctx.db) });
  const users = createUsersRepository(ctx.db);
  const tags = ['safety'];

  app.get(
    '/api/admin/safety/alerts',
    {
      onRequest: ctx.guards.staff('read'),
      schema: {
        tags,
        summary: 'Safety alerts (default: open), newest first',
        querystring: AlertListQuery,
        response: { 200: z.array(SafetyAlertDto) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const rows = await alerts.list(status, limit, offset);
      return rows.map(({ alert, name }) => toSafetyAlertDto(alert, name));
    },
  );

  app.post(
    '/api/admin/safety/alerts/:id/resolve',
    {
      onRequest: ctx.guards.staff('review'),
      schema: {
        tags,
        summary: 'Resolve an open safety alert with a note (409 when it is resolved already)',
        params: IdParams,
        body: ResolveAlertBody,
        response: { 200: SafetyAlertDto },
      },
    },
    async (request) => {
      const resolved = await alerts.resolve(actorOf(request), request.params.id, request.body.note);
      const student = await users.findById(resolved.userId);
      return toSafetyAlertDto(resolved, student?.name ?? null);
    },
  );
}
