import { createContext, useContext } from 'react';
import type { Schemas } from '../api/client.ts';
import { forgetAdminToken, saveAdminToken } from './admin-token.ts';

/**
 * Who is using the console: a staff member signed in with email and password (their access token is kept
 * where the admin token is kept, and the member beside it), or the admin token (`member` null).
 */
export type StaffMember = Pick<Schemas['StaffMember'], 'id' | 'email' | 'name' | 'role'>;
export type Role = StaffMember['role'];

/** What a route needs (docs/api/staff-and-audit.md); the server refuses the rest anyway. */
export type Right = 'admin' | 'review' | 'read';

const ROLE_RIGHTS: Record<Role, readonly Right[]> = {
  admin: ['admin', 'review', 'read'],
  reviewer: ['review', 'read'],
  viewer: ['read'],
};

export const MEMBER_KEY = 'coach.staff-member';

/** The signed-in member, or null with the admin token (which has every right). */
export function loadMember(session: Storage = sessionStorage, local: Storage = localStorage): StaffMember | null {
  const stored = session.getItem(MEMBER_KEY) ?? local.getItem(MEMBER_KEY);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as StaffMember;
  } catch {
    return null;
  }
}

export function saveStaffSession(
  token: string,
  member: StaffMember,
  remember: boolean,
  session: Storage = sessionStorage,
  local: Storage = localStorage,
): void {
  saveAdminToken(token, remember, session, local);
  const kept = JSON.stringify({ id: member.id, email: member.email, name: member.name, role: member.role });
  session.setItem(MEMBER_KEY, kept);
  if (remember) local.setItem(MEMBER_KEY, kept);
  else local.removeItem(MEMBER_KEY);
}

/** The admin token alone: no member. */
export function forgetMember(session: Storage = sessionStorage, local: Storage = localStorage): void {
  session.removeItem(MEMBER_KEY);
  local.removeItem(MEMBER_KEY);
}

export function forgetSession(session: Storage = sessionStorage, local: Storage = localStorage): void {
  forgetAdminToken(session, local);
  forgetMember(session, local);
}

export function roleHas(role: Role | null, right: Right): boolean {
  return role === null || ROLE_RIGHTS[role].includes(right);
}

/** The role of the console's user (null: the admin token), for pages to hide or disable what it cannot do. */
export const RoleContext = createContext<Role | null>(null);

/** Whether the console's user has the right: a button they cannot use is disabled or hidden. */
export function useCan(right: Right): boolean {
  return roleHas(useContext(RoleContext), right);
}
