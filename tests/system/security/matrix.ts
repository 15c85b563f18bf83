import { issueAccessToken } from '../../../apps/backend/src/auth/tokens.ts';
import type { GuardDecision } from '../../../apps/backend/src/http/auth.ts';
import type { Student } from '../../../apps/backend/test/harness.ts';
import { CALLER_KINDS, type CallerKind, expectedStatus, policyKey, type RouteKey, type RoutePolicy } from './access.ts';

/** The routes without an entry in the table, and the entries whose route is gone. */
export function coverage(routes: RouteKey[], table: Record<RouteKey, unknown>) {
  const registered = new Set(routes.map(policyKey));
  return {
    missing: [...registered].filter((key) => !(key in table)).sort(),
    stale: Object.keys(table)
      .filter((key) => !registered.has(key))
      .sort(),
  };
}

export interface CallerTokens {
  owner: Student;
  other: Student;
  adminToken: string;
  internalToken: string;
  /** Signs the owner's expired token. */
  tokenSecret: string;
  /** Access tokens of signed-in staff members, one per role. */
  staff: { admin: string; reviewer: string; viewer: string };
}

/** The bearer token each kind of caller sends (null: no Authorization header). */
export function tokensOf(callers: CallerTokens): Record<CallerKind, string | null> {
  const anHourAgo = Date.now() - 3_600_000;
  return {
    none: null,
    'wrong-token': 'not-a-token-anyone-was-given',
    'expired-token': issueAccessToken(callers.owner.id, callers.tokenSecret, 60, anHourAgo),
    'other-student': callers.other.token,
    'owning-student': callers.owner.token,
    internal: callers.internalToken,
    admin: callers.adminToken,
    'staff-admin': callers.staff.admin,
    reviewer: callers.staff.reviewer,
    viewer: callers.staff.viewer,
  };
}

export interface MatrixCall<Context> {
  baseUrl: string;
  context: Context;
  owner: Student;
  tokens: Record<CallerKind, string | null>;
  /** The route's guard's role decision, from the route list. */
  decision?: GuardDecision | undefined;
}

/**
 * Sends the route's request once per kind of caller, each on fresh data, and returns what differs
 * from the policy: `"as other-student: 200, expected 404"`. A refusal must also carry a JSON `detail`.
 */
export async function checkRoute<Context>(
  route: RouteKey,
  policy: RoutePolicy<Context>,
  call: MatrixCall<Context>,
): Promise<string[]> {
  const method = route.slice(0, route.indexOf(' '));
  const problems = await Promise.all(
    CALLER_KINDS.map(async (caller) => {
      const planned = await policy.request(call.context, call.owner);
      const token = call.tokens[caller];
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (planned.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${call.baseUrl}${planned.path}`, {
        method,
        headers,
        body: planned.body === undefined ? undefined : JSON.stringify(planned.body),
        redirect: 'manual',
      });
      const text = await response.text();
      const expected = expectedStatus(policy, caller, call.decision);
      if (response.status !== expected) {
        return `as ${caller}: ${response.status}, expected ${expected} (${text.slice(0, 160)})`;
      }
      if (response.status >= 400 && method !== 'HEAD' && !hasDetail(text)) {
        return `as ${caller}: ${response.status} without a JSON detail (${text.slice(0, 160)})`;
      }
      return undefined;
    }),
  );
  return problems.filter((problem) => problem !== undefined);
}

function hasDetail(text: string): boolean {
  try {
    return typeof JSON.parse(text).detail === 'string';
  } catch {
    return false;
  }
}

/**
 * A caller the route refuses is refused before the request is read: a malformed request (ids that
 * are not ids, a body that is not JSON, nonsense in the query) gets the same 401/403 as a valid one,
 * not a validation error that describes the route to someone who may not use it.
 */
export async function checkRefusedBeforeReading<Context>(
  route: RouteKey,
  policy: RoutePolicy<Context>,
  call: Pick<MatrixCall<Context>, 'baseUrl' | 'tokens' | 'decision'>,
): Promise<string[]> {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = `${pattern.replace(/:\w+/g, 'not-an-id').replace('*', 'x')}?limit=-5&clamp=x&sync=maybe`;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const problems = await Promise.all(
    CALLER_KINDS.map(async (caller) => {
      const expected = expectedStatus(policy, caller, call.decision);
      if (expected !== 401 && expected !== 403) return undefined;
      const token = call.tokens[caller];
      const response = await fetch(`${call.baseUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        body: hasBody ? '{"broken' : undefined,
      });
      await response.arrayBuffer();
      return response.status === expected ? undefined : `as ${caller}: ${response.status}, expected ${expected}`;
    }),
  );
  return problems.filter((problem) => problem !== undefined);
}
