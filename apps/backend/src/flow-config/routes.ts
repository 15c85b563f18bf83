import { DEFAULT_FLOW_CONFIG, FlowConfig } from '@coach/core';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createFlowConfigRepository } from './repository.ts';

/** Where the Brain keeps its FlowConfig (the original kept it in S3); the Brain's own routes front it. */
export function registerFlowConfigRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createFlowConfigRepository(ctx.db);
  const tags = ['internal'];

  app.get(
    '/api/internal/flow-config',
    {
      preHandler: ctx.guards.internal,
      schema: {
        tags,
        summary: "The Brain's stored FlowConfig (the default when none is stored)",
        response: { 200: FlowConfig },
      },
    },
    async () => {
      const stored = await repo.read();
      const parsed = stored ? FlowConfig.safeParse(stored) : undefined;
      return parsed?.success ? parsed.data : DEFAULT_FLOW_CONFIG;
    },
  );

  app.put(
    '/api/internal/flow-config',
    {
      preHandler: ctx.guards.internal,
      schema: { tags, summary: "Replace the Brain's FlowConfig", body: FlowConfig, response: { 200: FlowConfig } },
    },
    async (request) => {
      await repo.write(request.body);
      return request.body;
    },
  );
}
