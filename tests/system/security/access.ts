import { type GuardDecision, ROLE_RIGHTS } from '../../../apps/backend/src/http/auth.ts';
import type { Student } from '../../../apps/backend/test/harness.ts';

/**
 * Who may call a route, and what every kind of caller gets: the rule behind the access matrix
 * (docs/ACCESS.md) and the tests that check it route by route.
 */

/**
 * - `open`: anyone.
 * - `student`: a student's access token (the admin and internal tokens are 403).
 * - `student-or-admin`: a student's access token or the admin token.
 * - `internal`: the internal token or the admin token.
 * - `admin`: an operator route: the admin token, and staff members whose role has the right the route's
 *   guard requires (its decision, read from the route list: the role columns).
 * - `staff`: a staff member's own token, whatever the role (their account); the admin token has no member.
 * - `service`: the Brain's routes, internal or admin token. The Brain cannot read students' tokens,
 *   so to it a student's token is just an unknown token (401).
 */
export type Access = 'open' | 'student' | 'student-or-admin' | 'internal' | 'admin' | 'staff' | 'service';

export const CALLER_KINDS = [
  'none',
  'wrong-token',
  'expired-token',
  'other-student',
  'owning-student',
  'internal',
  'admin',
  'staff-admin',
  'reviewer',
  'viewer',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

export const CALLER_TITLES: Record<CallerKind, string> = {
  none: 'no token',
  'wrong-token': 'wrong token',
  'expired-token': 'expired student token',
  'other-student': 'other student',
  'owning-student': 'owning student',
  internal: 'internal token',
  admin: 'admin token',
  'staff-admin': 'staff admin',
  reviewer: 'reviewer',
  viewer: 'viewer',
};

/** The staff callers, by the role they sign in with. */
const STAFF_ROLES = { 'staff-admin': 'admin', reviewer: 'reviewer', viewer: 'viewer' } as const;
type StaffCaller = keyof typeof STAFF_ROLES;
const isStaffCaller = (caller: CallerKind): caller is StaffCaller => caller in STAFF_ROLES;

export interface PlannedRequest {
  /** With the query string, if any. */
  path: string;
  body?: unknown;
}

export interface RoutePolicy<Context> {
  access: Access;
  /** The route is about one student's data (given by the path or body): another student gets 404. */
  owned?: boolean;
  /** What a caller the route admits gets for `request`. */
  status: number;
  /** A valid request on fresh data of `owner` (each call makes its own, so repeating it is safe). */
  request: (context: Context, owner: Student) => Promise<PlannedRequest> | PlannedRequest;
}

/** `METHOD /path` as Fastify registered it, e.g. `GET /api/conversations/:id`. */
export type RouteKey = string;
export type AccessTable<Context> = Record<RouteKey, RoutePolicy<Context>>;

/** The API documentation both services serve (Swagger UI), open to anyone. */
export function docsRoutes<Context>(): AccessTable<Context> {
  return {
    'GET /docs': { access: 'open', status: 200, request: () => ({ path: '/docs' }) },
    'GET /docs/': { access: 'open', status: 200, request: () => ({ path: '/docs/' }) },
    'GET /docs/static/index.html': {
      access: 'open',
      status: 302,
      request: () => ({ path: '/docs/static/index.html' }),
    },
    'GET /docs/static/swagger-initializer.js': {
      access: 'open',
      status: 200,
      request: () => ({ path: '/docs/static/swagger-initializer.js' }),
    },
    'GET /docs/json': { access: 'open', status: 200, request: () => ({ path: '/docs/json' }) },
    'GET /docs/yaml': { access: 'open', status: 200, request: () => ({ path: '/docs/yaml' }) },
    'GET /docs/static/*': { access: 'open', status: 200, request: () => ({ path: '/docs/static/swagger-ui.css' }) },
  };
}

const ADMITTED: Record<Exclude<Access, 'open'>, readonly CallerKind[]> = {
  student: ['owning-student', 'other-student'],
  'student-or-admin': ['owning-student', 'other-student', 'admin'],
  internal: ['internal', 'admin'],
  admin: ['admin'],
  staff: [],
  service: ['internal', 'admin'],
};

/** Whether a staff member of this kind passes the route's guard, by the decision the guard carries. */
function staffAdmitted(caller: StaffCaller, decision: GuardDecision | undefined): boolean {
  if (decision?.staffOnly) return true;
  return decision?.requires !== undefined && ROLE_RIGHTS[STAFF_ROLES[caller]].includes(decision.requires);
}

/**
 * The status a caller of this kind gets for the route's request: the whole access policy in one rule.
 * `decision`: what the route's guard requires of a staff member (from the route list); none, no staff.
 */
export function expectedStatus(
  policy: Pick<RoutePolicy<unknown>, 'access' | 'owned' | 'status'>,
  caller: CallerKind,
  decision?: GuardDecision,
) {
  if (policy.access === 'open') return policy.status;
  if (caller === 'none' || caller === 'wrong-token' || caller === 'expired-token') return 401;
  const admitted = isStaffCaller(caller) ? staffAdmitted(caller, decision) : ADMITTED[policy.access].includes(caller);
  if (!admitted) {
    // a token of the wrong kind is 403 where the service can tell what it is
    return policy.access === 'service' ? 401 : 403;
  }
  if (caller === 'other-student' && policy.owned) return 404;
  return policy.status;
}

/** Every GET route also answers HEAD, with the GET route's guard: HEAD follows the GET entry. */
export function policyKey(route: RouteKey): RouteKey {
  return route.startsWith('HEAD ') ? `GET ${route.slice(5)}` : route;
}

/** `METHOD /path` for each method of a route as Fastify's `onRoute` reports it. */
export function routeKeys(route: { method: string | string[]; url: string }): RouteKey[] {
  const methods = Array.isArray(route.method) ? route.method : route.method.split(',');
  return methods.map((method) => `${method.trim().toUpperCase()} ${route.url}`);
}
