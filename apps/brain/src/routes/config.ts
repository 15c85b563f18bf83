import { FlowConfig } from '@coach/core';
import type { HttpApp } from '@coach/runtime';
import { z } from 'zod';
import type { BrainDeps } from '../app.ts';
import type { ServiceGuard } from '../auth.ts';
import { ConfigView } from '../schemas.ts';
import { asUpstreamError } from './upstream-error.ts';

/**
 * FlowConfig as JSON schema, its fields in `properties` at the top as clients read them (the original's
 * pydantic schema). An empty registry hides the OpenAPI id, which would make the root a bare `$ref`.
 */
const FLOW_CONFIG_JSON_SCHEMA: Record<string, unknown> = {
  title: 'FlowConfig',
  ...z.toJSONSchema(FlowConfig, { io: 'input', metadata: z.registry() }),
};

/** `GET /get-config` and `POST /set-config`: the FlowConfig the Backend stores, read and replaced. */
export function registerConfigRoutes(app: HttpApp, deps: Pick<BrainDeps, 'backend'>, guard: ServiceGuard): void {
  app.get(
    '/get-config',
    {
      onRequest: guard,
      schema: { tags: ['config'], summary: 'FlowConfig schema and stored values', response: { 200: ConfigView } },
    },
    async () => ({
      schema: FLOW_CONFIG_JSON_SCHEMA,
      current_values: await deps.backend.getFlowConfig(),
    }),
  );

  app.post(
    '/set-config',
    {
      onRequest: guard,
      schema: {
        tags: ['config'],
        summary: 'Replace the FlowConfig',
        body: FlowConfig,
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      try {
        await deps.backend.setFlowConfig(request.body);
      } catch (error) {
        // the Backend's refusal (422) is the caller's, not a failure of ours
        throw asUpstreamError(error);
      }
      return { message: 'Configuration updated successfully.' };
    },
  );
}
