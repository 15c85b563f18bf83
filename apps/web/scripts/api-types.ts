import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readIdleApp } from '@coach/backend';
import openapiTS, { astToString } from 'openapi-typescript';

/** The committed output; the web client's types come from here and nowhere else. */
export const API_TYPES_FILE = fileURLToPath(new URL('../src/api/openapi-types.ts', import.meta.url));

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const HEADER = `// Generated from the Backend's OpenAPI description by apps/web/scripts/generate-api-types.ts.
// Do not edit: run \`npm run generate:api -w @coach/web\` after changing a route's zod schemas.
`;

/** The Backend's OpenAPI document, from the same `createApp` that `npm start` serves. */
export function readBackendOpenApi(): Promise<Record<string, unknown>> {
  return readIdleApp({}, (app) => app.swagger() as unknown as Record<string, unknown>);
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
