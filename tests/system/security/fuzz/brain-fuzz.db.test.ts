import { setTimeout as sleep } from 'node:timers/promises';
import { generationJobs } from '@coach/data';
import { count, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { givenStudent } from '../../../../apps/backend/test/harness.ts';
import { givenFlowConfig } from '../../../../apps/brain/test/given.ts';
import { startSystem, type TestSystem } from '../../../../apps/brain/test/system.ts';
import { BRAIN_ACCESS, listBrainRoutes } from '../brain-access.ts';
import { fuzzRequests } from './requests.ts';
import { fuzzRun, RUNS_PER_ROUTE, seedOf } from './runner.ts';

/** Waits until the Brain has worked every generation job that was queued (POST /tasks without wait). */
async function generationSettled(system: TestSystem, timeoutMs = 15_000) {
  const active = inArray(generationJobs.state, ['queued', 'running']);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
    const [row] = await system.backend.database.db.select({ n: count() }).from(generationJobs).where(active);
    if (row?.n === 0) return;
  }
  throw new Error('generation jobs still active after 15 s');
}

// The Brain's routes under fuzzed input, with the Backend and the offline model behind it. A model
// or Backend that fails makes /query answer 502 (docs/api/brain.md): with the offline model neither happens.
const routes = (await listBrainRoutes()).filter((route) => !route.startsWith('HEAD ')).sort();
const system = await startSystem({ backend: { loginRateLimitPerMinute: 1_000_000 } });
await givenFlowConfig(system, { use_simplified_mode: true });
const run = fuzzRun({
  baseUrl: system.brain.url,
  db: system.backend.database.db,
  contract5xx: {},
  settle: () => generationSettled(system),
});
afterAll(async () => {
  console.log(run.report(`Brain fuzzed input, ${routes.length} routes`));
  await system.close();
});

describe.each(routes)('Brain %s', (route) => {
  it('answers fuzzed requests without a 5xx, with a detail for every refusal, and writes nothing it refuses', async () => {
    const policy = BRAIN_ACCESS[route];
    expect(policy, 'the Brain access matrix test lists the routes without an entry').toBeDefined();
    const owner = await givenStudent(system.backend, 'Fuzzed');
    const sample = await policy!.request(system, owner);
    const tokens = policy!.access === 'open' ? [] : [system.backend.internalToken, system.backend.adminToken];
    const requests = fc.sample(fuzzRequests(route, sample, tokens), {
      numRuns: RUNS_PER_ROUTE,
      seed: seedOf(route),
    });
    expect((await run.send(route, requests)).slice(0, 8)).toEqual([]);
  });
});
