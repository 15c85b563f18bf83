import type { Schemas } from '../api/client.ts';

/** A logged-in student as the browser keeps it: in localStorage, so it survives reloads and new tabs. */
export interface StudentSession {
  token: string;
  user: Schemas['User'];
  /** When the access token stops working (ms since epoch); the session is dropped then. */
  expiresAt: number;
}

export const SESSION_KEY = 'coach.student-session';

/** The `exp` claim of a student's access token (a JWT), in ms; null when the token cannot be read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, login: Schemas['LoginResponse']): StudentSession {
  // a token we cannot read is kept for a day; the Backend's 401 still ends it earlier
  const expiresAt = tokenExpiry(login.access_token) ?? Date.now() + 24 * 3600 * 1000;
  const session: StudentSession = { token: login.access_token, user: login.user, expiresAt };
  storage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/** The stored session, unless it is missing, unreadable or expired (then it is removed). */
export function loadSession(storage: Storage, now = Date.now()): StudentSession | null {
  const raw = storage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Partial<StudentSession>;
    const usable =
      typeof session.token === 'string' &&
      typeof session.expiresAt === 'number' &&
      session.expiresAt > now &&
      typeof session.user?.id === 'number';
    if (usable) return session as StudentSession;
  } catch {
    // unreadable: fall through and forget it
  }
  storage.removeItem(SESSION_KEY);
  return null;
}

export function clearSession(storage: Storage): void {
  storage.removeItem(SESSION_KEY);
}

/** What a student is called on screen: their name, else their phone number. */
export function displayName(user: Schemas['User']): string {
  return user.name ?? user.phone_number ?? `Student ${user.id}`;
}
