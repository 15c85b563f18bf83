import { afterAll, describe, expect, it } from 'vitest';
import { givenStudent, startBackend } from '../../../apps/backend/test/harness.ts';
import { givenMember } from '../../../apps/backend/test/staff.ts';
import { policyKey } from './access.ts';
import { BACKEND_ACCESS, MATRIX_STAFF_PASSWORD } from './backend-access.ts';
import { checkRefusedBeforeReading, checkRoute, coverage, tokensOf } from './matrix.ts';
import { routeCollector, testWebRoot } from './routes.ts';

// the routes come from the running Backend itself: a route added tomorrow is checked tomorrow
const collector = routeCollector();
const backend = await startBackend({}, { onRoute: collector.onRoute, webRoot: testWebRoot() });
afterAll(() => backend.close());

const routes = collector.keys().sort();
const decisions = collector.decisions();
const owner = await givenStudent(backend, 'Owner');
const other = await givenStudent(backend, 'Other');
const member = async (role: 'admin' | 'reviewer' | 'viewer') =>
  (await givenMember(backend, role, `Matrix ${role}`, MATRIX_STAFF_PASSWORD)).token;
const staff = { admin: await member('admin'), reviewer: await member('reviewer'), viewer: await member('viewer') };
const tokens = tokensOf({ owner, other, staff, ...backend });

describe('the access table', () => {
  it('has an entry for every route the Backend registers, and none for a route that is gone', () => {
    expect(coverage(routes, BACKEND_ACCESS)).toEqual({ missing: [], stale: [] });
  });

  it('meets a decision for staff roles on every operator route (a guard that decides nothing fails here)', () => {
    const undecided = routes.filter((route) => {
      const policy = BACKEND_ACCESS[policyKey(route)];
      const decision = decisions[route];
      if (policy?.access === 'admin') return decision?.requires === undefined;
      if (policy?.access === 'staff') return !decision?.staffOnly;
      return false;
    });
    expect(undecided).toEqual([]);
  });

  it('gives reviewers the decisions and viewers nothing to change, as the contract says', () => {
    const rights = (route: string) => decisions[route]?.requires;
    for (const route of [
      'POST /api/persona-revisions/:id/approve',
      'POST /api/persona-revisions/:id/reject',
      'POST /api/persona-revisions/:id/restore',
      'POST /api/persona-corrections/:id/resolve',
      'POST /api/admin/safety/alerts/:id/resolve',
    ]) {
      expect(rights(route), route).toBe('review');
    }
    for (const route of [
      'GET /api/admin/staff',
      'POST /api/admin/staff',
      'PATCH /api/admin/staff/:id',
      'GET /api/admin/audit',
    ]) {
      expect(rights(route), route).toBe('admin');
    }
    // a viewer reads: every route a viewer may call is a GET (or a HEAD), a lint or a preview
    const viewerWrites = routes.filter(
      (route) => rights(route) === 'read' && !/^(GET|HEAD) /.test(route) && !/\/(lint|preview)$/.test(route),
    );
    expect(viewerWrites).toEqual([]);
  });
});

describe.each(routes)('%s', (route) => {
  const policy = BACKEND_ACCESS[policyKey(route)];
  const decision = decisions[route] ?? decisions[policyKey(route)];

  it('answers every kind of caller as the access table and the route’s role decision say', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    const problems = await checkRoute(route, policy, {
      baseUrl: backend.url,
      context: backend,
      owner,
      tokens,
      decision,
    });
    expect(problems).toEqual([]);
  });

  // an open route has nothing to refuse
  if (policy?.access === 'open') return;
  it('refuses a malformed request as it refuses a valid one', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    expect(await checkRefusedBeforeReading(route, policy, { baseUrl: backend.url, tokens, decision })).toEqual([]);
  });
});
