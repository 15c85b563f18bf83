import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobQueue } from '@coach/runtime';
import type { RouteOptions } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { type RouteKey, routeKeys } from './access.ts';

/** Collects the routes an app registers, through Fastify's `onRoute` hook. */
export function routeCollector() {
  const keys = new Set<RouteKey>();
  return {
    onRoute: (route: RouteOptions) => {
      for (const key of routeKeys(route)) keys.add(key);
    },
    keys: () => [...keys],
  };
}

/**
 * A web UI build of one page. The real build registers one route per file it holds (hashed names
 * that change with every build); this one makes the routes the same on every machine.
 */
export function testWebRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'coach-web-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Curiosity Coach</title>');
  return root;
}

// the routes are read without serving a request: no queue call has anything to do
const idleQueue = new Proxy({}, { get: () => async () => undefined }) as JobQueue;

/** Every route the Backend registers, from the same `createApp` that `npm start` serves. */
export async function listBackendRoutes(): Promise<RouteKey[]> {
  const collector = routeCollector();
  const database = await openDatabase({});
  try {
    const app = await createApp({
      config: loadConfig({}),
      secrets: { adminToken: 'unused', internalToken: 'unused', tokenSecret: 'unused', fromDataDir: [] },
      database,
      queue: idleQueue,
      webRoot: testWebRoot(),
      onRoute: collector.onRoute,
    });
    await app.ready();
    await app.close();
  } finally {
    await database.close();
  }
  return collector.keys();
}
