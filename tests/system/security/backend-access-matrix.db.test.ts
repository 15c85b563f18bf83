import { afterAll, describe, expect, it } from 'vitest';
import { givenStudent, startBackend } from '../../../apps/backend/test/harness.ts';
import { policyKey } from './access.ts';
import { BACKEND_ACCESS } from './backend-access.ts';
import { checkRefusedBeforeReading, checkRoute, coverage, tokensOf } from './matrix.ts';
import { routeCollector, testWebRoot } from './routes.ts';

// the routes come from the running Backend itself: a route added tomorrow is checked tomorrow
const collector = routeCollector();
const backend = await startBackend({}, { onRoute: collector.onRoute, webRoot: testWebRoot() });
afterAll(() => backend.close());

const routes = collector.keys().sort();
const owner = await givenStudent(backend, 'Owner');
const other = await givenStudent(backend, 'Other');
const tokens = tokensOf({ owner, other, ...backend });

describe('the access table', () => {
  it('has an entry for every route the Backend registers, and none for a route that is gone', () => {
    expect(coverage(routes, BACKEND_ACCESS)).toEqual({ missing: [], stale: [] });
  });
});

describe.each(routes)('%s', (route) => {
  const policy = BACKEND_ACCESS[policyKey(route)];

  it('answers every kind of caller as the access table says', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    const problems = await checkRoute(route, policy, { baseUrl: backend.url, context: backend, owner, tokens });
    expect(problems).toEqual([]);
  });

  // an open route has nothing to refuse
  if (policy?.access === 'open') return;
  it('refuses a malformed request as it refuses a valid one', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    expect(await checkRefusedBeforeReading(route, policy, { baseUrl: backend.url, tokens })).toEqual([]);
  });
});
