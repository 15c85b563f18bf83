import { createHmac } from 'node:crypto';
import { secretsEqual } from '@coach/runtime';

/**
 * A staff member's access token: an HS256 JWT like a student's, but with `aud: "staff"`, the member's
 * `ver` (token version) and a key derived for staff alone, so a student's token never verifies as a staff
 * token nor the other way round, whatever its claims say.
 */
export interface StaffClaims {
  sub: number;
  aud: 'staff';
  ver: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function staffKey(tokenSecret: string): Buffer {
  return createHmac('sha256', tokenSecret).update('coach staff access token').digest();
}

function sign(input: string, tokenSecret: string): string {
  return createHmac('sha256', staffKey(tokenSecret)).update(input).digest('base64url');
}

export function issueStaffToken(
  member: { id: number; tokenVersion: number },
  tokenSecret: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const claims: StaffClaims = {
    sub: member.id,
    aud: 'staff',
    ver: member.tokenVersion,
    exp: Math.floor(now / 1000) + ttlSeconds,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, tokenSecret)}`;
}

export type StaffTokenCheck =
  | { ok: true; staffId: number; version: number }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyStaffToken(token: string, tokenSecret: string, now = Date.now()): StaffTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  if (!secretsEqual(signature, sign(`${header}.${payload}`, tokenSecret))) return { ok: false, reason: 'signature' };
  let claims: Partial<StaffClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<StaffClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.aud !== 'staff' || typeof claims.sub !== 'number' || typeof claims.ver !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, staffId: claims.sub, version: claims.ver };
}
