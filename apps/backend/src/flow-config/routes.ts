import { FlowConfig } from '@coach/core';
import { createFlowConfigRepository } from '@coach/data';
import type { AppContext, ZodApp } from '../app-context.ts';
import { operatorActor } from '../http/auth.ts';
import { createFlowConfigService, replaceFlowConfigAsOperator } from './service.ts';

/**
 * Where the Brain keeps its FlowConfig (the original kept it in S3). The Brain's own routes front the
 * internal pair; the admin pair is the same document for the operator console, which runs in the
 * browser on the Backend's origin and so cannot call the Brain's port.
 */
export function registerFlowConfigRoutes(app: ZodApp, ctx: AppContext): void {
  const flowConfig = createFlowConfigService({ flowConfig: createFlowConfigRepository(ctx.db) });

  const routes = [
    { path: '/api/internal/flow-config', read: ctx.guards.internal, write: ctx.guards.internal, tags: ['internal'] },
    {
      path: '/api/admin/flow-config',
      read: ctx.guards.staff('read'),
      write: ctx.guards.staff('admin'),
      tags: ['admin'],
    },
  ];
  for (const { path, read, write, tags } of routes) {
    app.get(
      path,
      {
        onRequest: read,
        schema: {
          tags,
          summary: "The Brain's stored FlowConfig (the default when none is stored)",
          response: { 200: FlowConfig },
        },
      },
      async () => flowConfig.read(),
    );

    app.put(
      path,
      {
        onRequest: write,
        schema: { tags, summary: "Replace the Brain's FlowConfig", body: FlowConfig, response: { 200: FlowConfig } },
      },
      async (request) => {
        // an operator's change is audited; the Brain's own (the internal token) is not an operator's
        const actor = operatorActor(request);
        return actor ? replaceFlowConfigAsOperator(ctx.db, actor, request.body) : flowConfig.replace(request.body);
      },
    );
  }
}
