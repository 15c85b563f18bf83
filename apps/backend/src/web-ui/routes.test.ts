import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installErrorHandler } from '@coach/runtime';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebUi } from './routes.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function givenWebUi(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'coach-web-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  const app = Fastify();
  installErrorHandler(app);
  app.get('/api/health', async () => ({ status: 'ok' }));
  await registerWebUi(app, { root });
  return app;
}

const built = { 'index.html': '<html>the app</html>', 'assets/app-1234.js': 'console.log(1)' };

describe('the Backend serves the web UI at its root URL', () => {
  it('serves index.html at / and the hashed assets with a long cache', async () => {
    const app = await givenWebUi(built);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('the app');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it("answers the app's own page paths with index.html, so a reload keeps the page", async () => {
    const app = await givenWebUi(built);
    const page = await app.inject({ method: 'GET', url: '/operator/students/12?tab=persona' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('the app');
  });

  it('keeps JSON 404s for unknown API, docs and asset paths', async () => {
    const app = await givenWebUi(built);
    for (const url of ['/api/no-such-thing', '/docs/nothing-here', '/assets/gone.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().detail).toBe(`No route for GET ${url}.`);
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
  });

  it('says how to build the UI when it has not been built', async () => {
    const app = await givenWebUi({});
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build');
  });
});
