import type { FastifyRequest } from 'fastify';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// every comparison of a service token must go through the constant-time secretsEqual: spy on it
vi.mock('@coach/runtime', async (importOriginal) => {
  const original = await importOriginal<typeof import('@coach/runtime')>();
  return { ...original, secretsEqual: vi.fn(original.secretsEqual) };
});
const { secretsEqual } = await import('@coach/runtime');
const { createGuards } = await import('./auth.ts');

const secrets = {
  adminToken: 'admin-token-0123456789',
  internalToken: 'internal-token-0123456789',
  tokenSecret: 'a'.repeat(64),
  fromDataDir: [],
};
const noStudents = { findById: async () => undefined } as never;
const guards = createGuards(secrets, noStudents, noStudents);
const requestWith = (token: string) =>
  ({ headers: { authorization: `Bearer ${token}` }, caller: null }) as FastifyRequest;

// braces: a function returned from beforeEach would run as its teardown
beforeEach(() => {
  vi.mocked(secretsEqual).mockClear();
});

describe('the admin and internal token guards', () => {
  it.each([
    ['the admin token', secrets.adminToken],
    ['the internal token', secrets.internalToken],
    ['an unknown token', 'someone-else-0123456789'],
  ])('compare %s with both service tokens in constant time, whichever it matches', async (_what, token) => {
    await guards.internal(requestWith(token)).catch(() => undefined);
    expect(vi.mocked(secretsEqual).mock.calls).toEqual(
      expect.arrayContaining([
        [token, secrets.adminToken],
        [token, secrets.internalToken],
      ]),
    );
  });

  it('let in exactly the service tokens: a prefix, an extension or one changed character is refused', async () => {
    const near = [
      secrets.adminToken.slice(0, -1),
      `${secrets.adminToken}9`,
      `${secrets.adminToken.slice(0, -1)}8`,
      secrets.internalToken.toUpperCase(),
    ];
    for (const token of near) await expect(guards.internal(requestWith(token))).rejects.toThrow('Invalid or unknown');
    await expect(guards.admin(requestWith(secrets.adminToken))).resolves.toBeUndefined();
    await expect(guards.internal(requestWith(secrets.internalToken))).resolves.toBeUndefined();
  });
});
