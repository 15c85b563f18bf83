import { ModelCallsBody, UsageReport } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { UsageQuery } from './schemas.ts';
import { createUsageService } from './service.ts';

/** The Brain's ledger entries in (internal), the usage report out (operators). */
export function registerUsageRoutes(app: ZodApp, ctx: AppContext): void {
  const usage = createUsageService(ctx.db);

  app.post(
    '/api/internal/model-calls',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "Model call attempts the Brain made (its ledger's buffered entries)",
        body: ModelCallsBody,
        response: { 200: z.object({ recorded: z.int() }) },
      },
    },
    async (request) => ({ recorded: await usage.record(request.body.calls) }),
  );

  app.get(
    '/api/admin/usage',
    {
      onRequest: ctx.guards.staff('read'),
      schema: {
        tags: ['admin'],
        summary: 'Model calls, tokens and cost over a range, by day, call type, student or model',
        querystring: UsageQuery,
        response: { 200: UsageReport },
      },
    },
    async (request) => usage.report(request.query),
  );
}
