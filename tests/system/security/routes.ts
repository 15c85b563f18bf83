import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { type GuardDecision, routeDecision } from '../../../apps/backend/src/http/auth.ts';
import { readIdleApp } from '../../../apps/backend/src/inspect.ts';
import { type RouteKey, routeKeys } from './access.ts';

/** Collects the routes an app registers, and the role decision of each one's guard, through Fastify's `onRoute` hook. */
export function routeCollector() {
  const keys = new Set<RouteKey>();
  const decisions: Record<RouteKey, GuardDecision | undefined> = {};
  return {
    onRoute: (route: RouteOptions) => {
      for (const key of routeKeys(route)) {
        keys.add(key);
        decisions[key] = routeDecision(route);
      }
    },
    keys: () => [...keys],
    decisions: () => decisions,
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

/** Every route the Backend registers, from the same `createApp` that `npm start` serves. */
export async function listBackendRoutes(): Promise<RouteKey[]> {
  return (await listBackendRouteDecisions()).keys();
}

/** The Backend's routes with their guards' role decisions. */
export async function listBackendRouteDecisions() {
  const collector = routeCollector();
  await readIdleApp({ webRoot: testWebRoot(), onRoute: collector.onRoute }, () => {});
  return collector;
}
