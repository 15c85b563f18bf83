import { createHmac } from 'node:crypto';
import { secretsEqual } from '@coach/runtime';

/** A student's access token: a compact HS256 JWT with the user id and an expiry. */
export interface AccessClaims {
  sub: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function issueAccessToken(userId: number, secret: string, ttlSeconds: number, now = Date.now()): string {
  const claims: AccessClaims = { sub: userId, exp: Math.floor(now / 1000) + ttlSeconds };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, secret)}`;
}

export type TokenCheck = { ok: true; userId: number } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyAccessToken(token: string, secret: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  if (!secretsEqual(signature, sign(`${header}.${payload}`, secret))) return { ok: false, reason: 'signature' };
  let claims: Partial<AccessClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.sub !== 'number' || typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, userId: claims.sub };
}
