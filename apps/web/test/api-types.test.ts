import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/api-types.ts';

describe('the web client types', () => {
  it("match the Backend's OpenAPI description (run `npm run generate:api -w @coach/web` when this fails)", async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(await generateApiTypes()).toBe(committed);
  });
});
