import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createAuditRepository } from './repository.ts';
import { AuditEntryDto, AuditQuery, toAuditEntryDto } from './schemas.ts';

export function registerAuditRoutes(app: ZodApp, ctx: AppContext): void {
  const audit = createAuditRepository(ctx.db);

  app.get(
    '/api/admin/audit',
    {
      onRequest: ctx.guards.staff('admin'),
      schema: {
        tags: ['staff and audit'],
        summary: 'The audit log of operator writes, newest first',
        querystring: AuditQuery,
        response: { 200: z.array(AuditEntryDto) },
      },
    },
    async (request) => {
      const { actor_staff_id, action, from, to, limit, offset } = request.query;
      const rows = await audit.list({
        actorStaffId: actor_staff_id,
        action,
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
        limit,
        offset,
      });
      return rows.map(toAuditEntryDto);
    },
  );
}
