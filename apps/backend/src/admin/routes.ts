import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import { StudentDetail, StudentExport, StudentSearchQuery, StudentSummary } from './schemas.ts';
import { createAdminService } from './service.ts';

export function registerAdminRoutes(app: ZodApp, ctx: AppContext): void {
  const admin = createAdminService(ctx.db, ctx.queue);
  const tags = ['admin'];
  const read = ctx.guards.staff('read');
  const write = ctx.guards.staff('admin');

  app.get(
    '/api/admin/users',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Find students by part of their name or phone number, newest first',
        querystring: StudentSearchQuery,
        response: { 200: z.array(StudentSummary) },
      },
    },
    async (request) => {
      const { query, limit, offset } = request.query;
      return admin.searchStudents(query, limit, offset);
    },
  );

  app.get(
    '/api/admin/users/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'A student with their conversations and persona',
        params: IdParams,
        response: { 200: StudentDetail },
      },
    },
    async (request) => admin.studentDetail(request.params.id),
  );

  app.delete(
    '/api/admin/users/:id',
    {
      onRequest: write,
      schema: { tags, summary: 'Erase a student and everything stored about them', params: IdParams },
    },
    async (request, reply) => {
      await admin.deleteStudent(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/users/:id/export',
    {
      // a read: the console's transcripts come from it; each one is still in the audit log
      onRequest: read,
      schema: {
        tags,
        summary: 'Everything stored about a student, as one JSON document to download',
        params: IdParams,
        response: { 200: StudentExport },
      },
    },
    async (request, reply) => {
      const document = await admin.exportStudent(actorOf(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="student-${document.user.id}.json"`)
        .send(document);
    },
  );
}
