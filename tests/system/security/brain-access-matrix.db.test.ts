import { afterAll, describe, expect, it } from 'vitest';
import { givenStudent } from '../../../apps/backend/test/harness.ts';
import { givenMember } from '../../../apps/backend/test/staff.ts';
import { givenFlowConfig } from '../../../apps/brain/test/given.ts';
import { startSystem } from '../../../apps/brain/test/system.ts';
import { policyKey } from './access.ts';
import { BRAIN_ACCESS, listBrainRoutes } from './brain-access.ts';
import { checkRefusedBeforeReading, checkRoute, coverage, tokensOf } from './matrix.ts';

const routes = (await listBrainRoutes()).sort();
const system = await startSystem();
afterAll(() => system.close());
await givenFlowConfig(system, { use_simplified_mode: true });

const owner = await givenStudent(system.backend, 'Owner');
const other = await givenStudent(system.backend, 'Other');
// staff tokens are the Backend's: to the Brain they are unknown tokens (401)
const staff = {
  admin: (await givenMember(system.backend, 'admin')).token,
  reviewer: (await givenMember(system.backend, 'reviewer')).token,
  viewer: (await givenMember(system.backend, 'viewer')).token,
};
const tokens = tokensOf({ owner, other, staff, ...system.backend });

describe('the Brain’s access table', () => {
  it('has an entry for every route the Brain registers, and none for a route that is gone', () => {
    expect(coverage(routes, BRAIN_ACCESS)).toEqual({ missing: [], stale: [] });
  });
});

describe.each(routes)('Brain %s', (route) => {
  const policy = BRAIN_ACCESS[policyKey(route)];

  it('answers every kind of caller as the access table says', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    const call = { baseUrl: system.brain.url, context: system, owner, tokens };
    expect(await checkRoute(route, policy, call)).toEqual([]);
  });

  // an open route has nothing to refuse
  if (policy?.access === 'open') return;
  it('refuses a malformed request as it refuses a valid one', async () => {
    if (!policy) expect.fail(`${route} has no entry in the access table`);
    expect(await checkRefusedBeforeReading(route, policy, { baseUrl: system.brain.url, tokens })).toEqual([]);
  });
});
