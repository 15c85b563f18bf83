import type { FastifyRequest } from 'fastify';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@coach/runtime', async (importOriginal) => {
  const original = await importOriginal<typeof import('@coach/runtime')>();
  return { ...original, secretsEqual: vi.fn(original.secretsEqual) };
});
const { secretsEqual } = await import('@coach/runtime');
const { createServiceGuard } = await import('./auth.ts');

const tokens = { internalToken: 'internal-token-0123456789', adminToken: 'admin-token-0123456789' };
const guard = createServiceGuard(tokens);
const requestWith = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as FastifyRequest;

// braces: a function returned from beforeEach would run as its teardown
beforeEach(() => {
  vi.mocked(secretsEqual).mockClear();
});

describe('the Brain’s service guard', () => {
  it('compares a token with the internal and the admin token in constant time, whichever it matches', async () => {
    for (const token of [tokens.internalToken, tokens.adminToken, 'someone-else-0123456789']) {
      vi.mocked(secretsEqual).mockClear();
      await guard(requestWith(token)).catch(() => undefined);
      expect(vi.mocked(secretsEqual).mock.calls).toEqual([
        [token, tokens.internalToken],
        [token, tokens.adminToken],
      ]);
    }
  });

  it('refuses a token one character off the internal token', async () => {
    await expect(guard(requestWith(`${tokens.internalToken.slice(0, -1)}8`))).rejects.toThrow('Invalid or unknown');
    await expect(guard(requestWith(tokens.internalToken))).resolves.toBeUndefined();
  });
});
