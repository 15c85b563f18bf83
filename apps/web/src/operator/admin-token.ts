/**
 * The operator's admin token. Kept in sessionStorage (this tab, until it closes) unless the operator
 * ticks "remember", then in localStorage: school computers are often shared.
 */
export const ADMIN_TOKEN_KEY = 'coach.admin-token';

export function loadAdminToken(session: Storage = sessionStorage, local: Storage = localStorage): string | null {
  return session.getItem(ADMIN_TOKEN_KEY) ?? local.getItem(ADMIN_TOKEN_KEY);
}

export function saveAdminToken(
  token: string,
  remember: boolean,
  session: Storage = sessionStorage,
  local: Storage = localStorage,
): void {
  session.setItem(ADMIN_TOKEN_KEY, token);
  if (remember) local.setItem(ADMIN_TOKEN_KEY, token);
  else local.removeItem(ADMIN_TOKEN_KEY);
}

export function forgetAdminToken(session: Storage = sessionStorage, local: Storage = localStorage): void {
  session.removeItem(ADMIN_TOKEN_KEY);
  local.removeItem(ADMIN_TOKEN_KEY);
}
