import type { AuditActor } from '@coach/data';
import type { Secrets } from '@coach/runtime';
import { Forbidden, secretsEqual, Unauthorized } from '@coach/runtime';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { verifyAccessToken } from '../auth/tokens.ts';
import type { StaffRepository, StaffRow } from '../staff/repository.ts';
import { verifyStaffToken } from '../staff/tokens.ts';
import type { UserRow, UsersRepository } from '../users/repository.ts';

/** Who is calling, once the bearer token has been checked. */
export type Caller =
  | { kind: 'user'; user: UserRow }
  | { kind: 'admin' }
  | { kind: 'internal' }
  | { kind: 'staff'; member: StaffRow };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/**
 * What an operator route needs (docs/api/staff-and-audit.md): `read` every operator view, `review`
 * decide persona revisions and resolve corrections and alerts, `admin` everything else. The admin token
 * has every right.
 */
export type Right = 'admin' | 'review' | 'read';
export type StaffRoleName = StaffRow['role'];

export const ROLE_RIGHTS: Record<StaffRoleName, readonly Right[]> = {
  admin: ['admin', 'review', 'read'],
  reviewer: ['review', 'read'],
  viewer: ['read'],
};

type Guard = (request: FastifyRequest) => Promise<void>;

/** The decision a guard carries, read from the route list by the access matrix (each route × each role). */
export interface GuardDecision {
  /** The right a staff member needs; absent: staff tokens are refused. */
  requires?: Right;
  /** Only a staff member's own token (the admin token has no member). */
  staffOnly?: boolean;
}
const decisions = new WeakMap<Guard, GuardDecision>();

/** The decision of a route's guard, undefined for a route without one (open, or a guard that decides nothing). */
export function routeDecision(route: Pick<RouteOptions, 'onRequest'>): GuardDecision | undefined {
  const hooks =
    route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
  for (const hook of hooks) {
    const decision = decisions.get(hook as Guard);
    if (decision) return decision;
  }
  return undefined;
}

export interface Guards {
  user: Guard;
  /** The admin token alone: a route guarded so has made no decision for staff roles (the access test says so). */
  admin: Guard;
  /** The internal token, or the admin token. */
  internal: Guard;
  /** A student's token, or an operator with read rights (the admin token, a staff member). */
  userOrAdmin: Guard;
  /** The admin token, or a staff member whose role has the right. */
  staff: (requires: Right) => Guard;
  /** The internal or admin token, or a staff member whose role has the right (console reads of Brain routes). */
  internalOrStaff: (requires: Right) => Guard;
  /** A staff member's own token (their account, their password). */
  staffMember: Guard;
}

const NEEDS_TOKEN = 'Not authenticated: send an Authorization: Bearer <token> header.';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new Unauthorized(NEEDS_TOKEN);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new Unauthorized('The Authorization header must be "Bearer <token>".');
  return match[1];
}

export function createGuards(secrets: Secrets, users: UsersRepository, staff: StaffRepository): Guards {
  async function identify(request: FastifyRequest): Promise<Caller> {
    const token = bearer(request);
    // both service tokens are always compared, so timing does not tell which one was close
    const isAdmin = secretsEqual(token, secrets.adminToken);
    const isInternal = secretsEqual(token, secrets.internalToken);
    if (isAdmin) return { kind: 'admin' };
    if (isInternal) return { kind: 'internal' };
    const student = verifyAccessToken(token, secrets.tokenSecret);
    if (student.ok) {
      const user = await users.findById(student.userId);
      if (!user) throw new Unauthorized('This account no longer exists. Please log in again.');
      return { kind: 'user', user };
    }
    // a staff token is signed with a key of its own: it fails the students' check on its signature
    const member = student.reason === 'signature' ? verifyStaffToken(token, secrets.tokenSecret) : student;
    if (!member.ok) {
      throw new Unauthorized(
        member.reason === 'expired' ? 'Your session has expired. Please log in again.' : 'Invalid or unknown token.',
      );
    }
    // one read by primary key: a disabled member, an ended session or a new role counts from this request on
    const row = await staff.findById(member.staffId);
    if (!row || row.disabled) throw new Unauthorized('This staff account is disabled. Ask an admin.');
    if (row.tokenVersion !== member.version) throw new Unauthorized('This session has ended. Please sign in again.');
    return { kind: 'staff', member: row };
  }

  const guard = (
    admits: (caller: Caller) => boolean,
    refusal: (caller: Caller) => string,
    decision?: GuardDecision,
  ): Guard => {
    const check: Guard = async (request) => {
      const caller = await identify(request);
      if (!admits(caller)) throw new Forbidden(refusal(caller));
      request.caller = caller;
    };
    if (decision) decisions.set(check, decision);
    return check;
  };

  const staffHas = (caller: Caller, requires: Right) =>
    caller.kind === 'staff' && ROLE_RIGHTS[caller.member.role].includes(requires);
  const staffRefusal = (requires: Right, otherwise: string) => (caller: Caller) =>
    caller.kind === 'staff'
      ? `Your role (${caller.member.role}) does not allow this: it needs the ${requires} right.`
      : otherwise;

  // one guard per decision, so routes sharing a decision share the function
  const cached = <T>(make: (requires: Right) => T) => {
    const made = new Map<Right, T>();
    return (requires: Right) => {
      if (!made.has(requires)) made.set(requires, make(requires));
      return made.get(requires)!;
    };
  };

  return {
    user: guard(
      (caller) => caller.kind === 'user',
      () => 'This route is for students: log in and use your access token.',
    ),
    admin: guard(
      (caller) => caller.kind === 'admin',
      () => 'This route needs the admin token.',
    ),
    internal: guard(
      (caller) => caller.kind === 'internal' || caller.kind === 'admin',
      () => 'This route needs the internal or admin token.',
    ),
    userOrAdmin: guard(
      (caller) => caller.kind === 'user' || caller.kind === 'admin' || staffHas(caller, 'read'),
      staffRefusal('read', 'This route needs a student access token or an operator token.'),
      { requires: 'read' },
    ),
    staff: cached((requires) =>
      guard(
        (caller) => caller.kind === 'admin' || staffHas(caller, requires),
        staffRefusal(requires, 'This route is for operators: sign in as staff or use the admin token.'),
        { requires },
      ),
    ),
    internalOrStaff: cached((requires) =>
      guard(
        (caller) => caller.kind === 'internal' || caller.kind === 'admin' || staffHas(caller, requires),
        staffRefusal(requires, 'This route needs the internal token or an operator token.'),
        { requires },
      ),
    ),
    staffMember: guard(
      (caller) => caller.kind === 'staff',
      () => "This route is for a staff member's own token.",
      { staffOnly: true },
    ),
  };
}

/** The logged-in student of a route guarded by `guards.user`. */
export function currentUser(request: FastifyRequest): UserRow {
  if (request.caller?.kind !== 'user') throw new Unauthorized(NEEDS_TOKEN);
  return request.caller.user;
}

/** The signed-in staff member of a route guarded by `guards.staffMember`. */
export function currentMember(request: FastifyRequest): StaffRow {
  if (request.caller?.kind !== 'staff') throw new Unauthorized(NEEDS_TOKEN);
  return request.caller.member;
}

/** The actor of a write by an operator; null for the internal token (the Brain's writes are not audited). */
export function operatorActor(request: FastifyRequest): AuditActor | null {
  return request.caller?.kind === 'internal' ? null : actorOf(request);
}

/** Who an operator write is recorded as: the staff member, or the admin token. */
export function actorOf(request: FastifyRequest): AuditActor {
  const caller = request.caller;
  if (caller?.kind === 'staff') return { kind: 'staff', staff_id: caller.member.id, email: caller.member.email };
  if (caller?.kind === 'admin') return { kind: 'token' };
  throw new Unauthorized(NEEDS_TOKEN);
}
