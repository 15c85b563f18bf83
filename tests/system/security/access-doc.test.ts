import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS_DOC_FILE, renderAccessDoc } from './access-doc.ts';

describe('docs/ACCESS.md', () => {
  // builds both apps (the Backend on a database it never connects to): slower than a unit test usually is
  it('is what the registered routes and the access tables produce', { timeout: 90_000 }, async () => {
    const rendered = await renderAccessDoc();
    if (process.env.UPDATE_ACCESS_DOC) writeFileSync(ACCESS_DOC_FILE, rendered);
    expect(readFileSync(ACCESS_DOC_FILE, 'utf8')).toBe(rendered);
  });
});
