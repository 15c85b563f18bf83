import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
let webRoot: string;
beforeAll(async () => {
  // a built app of our own, so the test does not depend on `npm run build` having run
  webRoot = mkdtempSync(path.join(tmpdir(), 'coach-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Curiosity Coach</title>');
  backend = await startBackend({}, { webRoot });
});
afterAll(async () => {
  await backend?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header: `{ 'script-src': "'self'" … }`. */
function policyOf(response: ApiResponse): Record<string, string> {
  const header = response.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [directive = '', ...sources] = part.split(/\s+/);
        return [directive, sources.join(' ')];
      }),
  );
}

function expectBrowserHeaders(response: ApiResponse): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const policy = policyOf(response);
  expect(policy['default-src']).toBe("'self'");
  expect(policy['script-src']).toBe("'self'");
  expect(policy['object-src']).toBe("'none'");
  expect(policy['frame-ancestors']).toBe("'none'");
}

describe('browser security headers', () => {
  it('lets the web app run only its own scripts and styles', async () => {
    for (const page of ['/', '/operator']) {
      const response = await backend.request('GET', page);
      expect(response.status).toBe(200);
      expectBrowserHeaders(response);
      expect(policyOf(response)['style-src']).toBe("'self'");
      expect(policyOf(response)['connect-src']).toBe("'self'");
    }
  });

  it('sends them with API answers, refusals and errors too', async () => {
    const answered = await backend.request('GET', '/api/health');
    const refused = await backend.request('GET', '/api/auth/me');
    const missing = await backend.request('GET', '/api/no-such-route');
    const badJson = await backend.request('POST', '/api/auth/login', { rawBody: '{' });
    expect([answered.status, refused.status, missing.status, badJson.status]).toEqual([
      expect.any(Number),
      401,
      404,
      400,
    ]);
    for (const response of [answered, refused, missing, badJson]) expectBrowserHeaders(response);
  });

  it('gives the API docs their own policy, with inline styles for Swagger UI only', async () => {
    const page = await backend.request('GET', '/docs/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-initializer.js');
    expectBrowserHeaders(page);
    expect(policyOf(page)['style-src']).toBe("'self' 'unsafe-inline'");
    const initializer = await backend.request('GET', '/docs/static/swagger-initializer.js');
    expect(initializer.status).toBe(200);
    expectBrowserHeaders(initializer);
    const spec = await backend.request('GET', '/docs/json');
    expect(spec.status).toBe(200);
    expect(spec.body.paths['/api/auth/login']).toBeDefined();
  });

  it('sends no HSTS: TLS ends in front of the Backend', async () => {
    const response = await backend.request('GET', '/');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
