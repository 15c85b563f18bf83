import { givenConversation, givenMessage } from '../../../apps/backend/test/harness.ts';
import { createBrainApp } from '../../../apps/brain/src/app.ts';
import type { BackendClient } from '../../../apps/brain/src/backend-client.ts';
import { loadBrainConfig } from '../../../apps/brain/src/config.ts';
import type { LlmClient } from '../../../apps/brain/src/llm/client.ts';
import type { TurnStore } from '../../../apps/brain/src/turns/store.ts';
import type { TestSystem } from '../../../apps/brain/test/system.ts';
import { type AccessTable, docsRoutes } from './access.ts';
import { routeCollector } from './routes.ts';

/** The Brain's access policy: its own routes take the internal or the admin token (docs/api/brain.md). */
export const BRAIN_ACCESS: AccessTable<TestSystem> = {
  'GET /health': { access: 'open', status: 200, request: () => ({ path: '/health' }) },
  ...docsRoutes(),
  'POST /query': {
    access: 'service',
    status: 200,
    request: async (system, owner) => {
      const conversationId = await givenConversation(system.backend, owner);
      const message = await givenMessage(system.backend, owner, conversationId, 'Why do bees buzz?');
      return {
        path: '/query',
        body: {
          user_id: owner.id,
          conversation_id: conversationId,
          message_id: message.id,
          purpose: 'chat',
          message_content: message.content,
        },
      };
    },
  },
  'POST /tasks': {
    access: 'service',
    status: 202,
    request: (_system, owner) => ({
      path: '/tasks',
      body: { task_type: 'USER_PERSONA_GENERATION', user_id: owner.id },
    }),
  },
  'GET /get-config': { access: 'service', status: 200, request: () => ({ path: '/get-config' }) },
  'POST /set-config': {
    access: 'service',
    status: 200,
    request: () => ({ path: '/set-config', body: { use_simplified_mode: true } }),
  },
};

// the routes are read without serving a request: neither the Backend nor the model is called
const unused = {};

/** Every route the Brain registers, from the same `createBrainApp` its start-up serves. */
export async function listBrainRoutes() {
  const collector = routeCollector();
  const app = await createBrainApp({
    config: loadBrainConfig({}),
    backend: unused as BackendClient,
    turns: unused as TurnStore,
    llm: unused as LlmClient,
    tokens: { internalToken: 'unused', adminToken: 'unused' },
    llmDescription: 'none',
    onRoute: collector.onRoute,
  });
  await app.ready();
  await app.close();
  return collector.keys();
}
