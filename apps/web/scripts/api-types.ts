import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createApp, loadConfig, openDatabase } from '@coach/backend';
import type { JobQueue } from '@coach/runtime';
import openapiTS, { astToString } from 'openapi-typescript';

/** The committed output; the web client's types come from here and nowhere else. */
export const API_TYPES_FILE = fileURLToPath(new URL('../src/api/openapi-types.ts', import.meta.url));

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const HEADER = `// Generated from the Backend's OpenAPI description by apps/web/scripts/generate-api-types.ts.
// Do not edit: run \`npm run generate:api -w @coach/web\` after changing a route's zod schemas.
`;

// the description is read without serving a request: no queue call has anything to do
const idleQueue = new Proxy({}, { get: () => async () => undefined }) as JobQueue;

/** The Backend's OpenAPI document, from the same `createApp` that `npm start` serves. */
export async function readBackendOpenApi(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  try {
    const app = await createApp({
      config: loadConfig({}),
      secrets: { adminToken: 'unused', internalToken: 'unused', tokenSecret: 'unused', fromDataDir: [] },
      database,
      queue: idleQueue,
    });
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return document;
  } finally {
    await database.close();
  }
}

/** The TypeScript source of the API types, formatted as Biome formats the rest of the repo. */
export async function generateApiTypes(): Promise<string> {
  const document = await readBackendOpenApi();
  const source = HEADER + astToString(await openapiTS(document as never));
  return execFileSync(`${REPO_ROOT}node_modules/.bin/biome`, ['format', `--stdin-file-path=${API_TYPES_FILE}`], {
    input: source,
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
}
