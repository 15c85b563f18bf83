import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the root build (`npm run build`, also run by `npm ci`) puts the web UI. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the API and its docs: a miss there stays a JSON 404, never the web page. */
const NOT_THE_PAGE = /^\/(api|docs|assets)(\/|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Curiosity Coach</title></head>
<body><main><h1>Curiosity Coach</h1>
<p>The web UI has not been built yet. Run <code>npm run build</code> (or <code>npm ci</code>) and restart.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p></main></body></html>`;

/**
 * Serves the built web UI (apps/web/dist) at the root URL, same origin as the API. Any other page
 * path gets index.html, so the single-page app's own links survive a reload.
 */
export async function registerWebUi(app: FastifyInstance, options: { root: string }): Promise<void> {
  const built = existsSync(path.join(options.root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: options.root,
      // one route per built file; the page fallback below owns every other path
      wildcard: false,
      setHeaders(reply, filePath) {
        // file names under assets/ carry a content hash; index.html must be fetched fresh
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (NOT_THE_PAGE.test(pathname)) return reply.callNotFound();
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
