import { describe, expect, it } from 'vitest';
import { issueAccessToken, verifyAccessToken } from './tokens.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('access tokens', () => {
  it('verifies a token it issued, until it expires', () => {
    const token = issueAccessToken(42, SECRET, 3600, NOW);
    expect(verifyAccessToken(token, SECRET, NOW)).toEqual({ ok: true, userId: 42 });
    expect(verifyAccessToken(token, SECRET, NOW + 3_599_000)).toEqual({ ok: true, userId: 42 });
    expect(verifyAccessToken(token, SECRET, NOW + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('treats a token with no lifetime as expired at once', () => {
    expect(verifyAccessToken(issueAccessToken(1, SECRET, 0, NOW), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another secret', () => {
    const token = issueAccessToken(42, 'another-secret-another-secret-another', 3600, NOW);
    expect(verifyAccessToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token whose claims were changed after signing', () => {
    const [header, , signature] = issueAccessToken(42, SECRET, 3600, NOW).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 1, exp: NOW / 1000 + 3600 })).toString('base64url');
    expect(verifyAccessToken(`${header}.${payload}.${signature}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses tokens that are not three signed parts', () => {
    expect(verifyAccessToken('abc', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyAccessToken('a.b.c.d', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyAccessToken('', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});
