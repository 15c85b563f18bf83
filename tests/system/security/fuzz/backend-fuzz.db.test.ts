import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { givenStudent, type Student, startBackend } from '../../../../apps/backend/test/harness.ts';
import { givenMember } from '../../../../apps/backend/test/staff.ts';
import type { Access, RouteKey } from '../access.ts';
import { BACKEND_ACCESS } from '../backend-access.ts';
import { routeCollector, testWebRoot } from '../routes.ts';
import { fuzzRequests } from './requests.ts';
import { fuzzRun, RUNS_PER_ROUTE, seedOf } from './runner.ts';

/**
 * 5xx answers the contract itself names: a turn the Brain gave up on (502), and a sync task route
 * whose job failed (502) or is still running when the route stops waiting (504). No Brain runs here,
 * so a sync route that queued work always ends in 504.
 */
const CONTRACT_5XX: Record<RouteKey, number[]> = {
  'GET /api/messages/:id/response': [502],
  'POST /api/tasks/trigger-memory-generation-sync': [502, 504],
  'POST /api/tasks/trigger-user-persona-generation-sync': [504],
  'POST /api/tasks/generate-memory-for-conversation/:conversation_id': [502, 504],
  'POST /api/tasks/generate-memories-for-user/:user_id': [502, 504],
  'POST /api/tasks/generate-persona-for-user/:user_id': [502, 504],
};

const collector = routeCollector();
const backend = await startBackend(
  { syncTaskTimeoutSeconds: 0.05, loginRateLimitPerMinute: 1_000_000, messageRateLimitPerMinute: 1_000_000 },
  { onRoute: collector.onRoute, webRoot: testWebRoot() },
);
// HEAD runs the GET route's handler: fuzzing GET covers it
const routes = collector
  .keys()
  .filter((route) => !route.startsWith('HEAD '))
  .sort();
const run = fuzzRun({ baseUrl: backend.url, db: backend.database.db, contract5xx: CONTRACT_5XX });
afterAll(async () => {
  console.log(run.report(`Backend fuzzed input, ${routes.length} routes`));
  await backend.close();
});

// a member's own routes are fuzzed with a viewer's token (a fuzzed password change never knows the current one)
const staffToken = (await givenMember(backend, 'viewer')).token;

function tokensFor(access: Access, owner: Student): string[] {
  const byAccess: Record<Access, string[]> = {
    open: [],
    student: [owner.token],
    'student-or-admin': [owner.token, backend.adminToken],
    internal: [backend.internalToken, backend.adminToken],
    admin: [backend.adminToken],
    staff: [staffToken],
    service: [backend.internalToken],
  };
  return byAccess[access];
}

describe.each(routes)('%s', (route) => {
  it('answers fuzzed requests without a 5xx, with a detail for every refusal, and writes nothing it refuses', async () => {
    const policy = BACKEND_ACCESS[route];
    expect(policy, 'the access matrix test lists the routes without an entry').toBeDefined();
    // a student of its own for each route: fuzzing DELETE /api/admin/users/{id} may erase anyone
    const owner = await givenStudent(backend, 'Fuzzed');
    const sample = await policy!.request(backend, owner);
    const requests = fc.sample(fuzzRequests(route, sample, tokensFor(policy!.access, owner)), {
      numRuns: RUNS_PER_ROUTE,
      seed: seedOf(route),
    });
    if (requests[0] && requests[0].method !== 'GET') {
      const overLimit = `{"a":"${'x'.repeat(backend.config.bodyLimitBytes)}"}`;
      requests.push({ ...requests[0], body: overLimit, mutation: 'body over the limit' });
    }
    const problems = await run.send(route, requests);
    expect(problems.slice(0, 8)).toEqual([]);
  });
});
