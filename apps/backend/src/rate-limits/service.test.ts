import { describe, expect, it } from 'vitest';
import type { CountedHit, RateLimitsRepository } from './repository.ts';
import { createRateLimiter, type RateLimits, TooManyRequests, WINDOW_SECONDS } from './service.ts';

/** Counters in memory, one window that never ends, and a log of what the limiter asked for. */
function givenCounters() {
  const hits = new Map<string, number>();
  const calls: string[] = [];
  const repo: RateLimitsRepository = {
    async countHits(keys: string[]): Promise<CountedHit[]> {
      calls.push(`count ${keys.length}`);
      return keys.map((key) => {
        hits.set(key, (hits.get(key) ?? 0) + 1);
        return { key, hits: hits.get(key)!, secondsLeft: 42 };
      });
    },
    async deleteEndedWindows() {
      calls.push('sweep');
    },
  };
  return { repo, hits, calls };
}

function givenLimiter(limits: Partial<RateLimits>, counters = givenCounters(), now = () => 0) {
  const all: RateLimits = {
    loginsPerIdentifier: 10,
    loginsPerAddress: 100,
    messagesPerStudent: 5,
    personaCorrectionsPerStudent: 3,
    ...limits,
  };
  return { limiter: createRateLimiter(counters.repo, { limits: all, keySecret: 'secret', now }), counters };
}

const phone = (phoneNumber: string) => ({ kind: 'phone', phoneNumber }) as const;

describe('the rate limiter', () => {
  it("refuses a login past its identifier's allowance, saying how many and for how long", async () => {
    const { limiter } = givenLimiter({ loginsPerIdentifier: 2 });
    await limiter.admitLogin('10.0.0.1', phone('9000000001'));
    await limiter.admitLogin('10.0.0.1', phone('9000000001'));
    const refused = await limiter.admitLogin('10.0.0.1', phone('9000000001')).catch((error) => error);
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect(refused.statusCode).toBe(429);
    expect(refused.message).toBe('Too many requests: at most 2 per minute. Try again in 42 s.');
    expect(refused.retryAfterSeconds).toBe(42);
    await expect(limiter.admitLogin('10.0.0.1', phone('9000000002'))).resolves.toBeUndefined();
  });

  it('counts a phone number and a name that look alike as two identifiers', async () => {
    const { limiter } = givenLimiter({ loginsPerIdentifier: 1 });
    await limiter.admitLogin('10.0.0.1', phone('9000000001'));
    await expect(limiter.admitLogin('10.0.0.1', { kind: 'name', name: '9000000001' })).resolves.toBeUndefined();
  });

  it('refuses every identifier from an address past its ceiling', async () => {
    const { limiter } = givenLimiter({ loginsPerAddress: 2 });
    await limiter.admitLogin('10.0.0.1', phone('9000000001'));
    await limiter.admitLogin('10.0.0.1', phone('9000000002'));
    await expect(limiter.admitLogin('10.0.0.1', phone('9000000003'))).rejects.toThrow(/at most 2 per minute/);
    await expect(limiter.admitLogin('10.0.0.2', phone('9000000003'))).resolves.toBeUndefined();
  });

  it('names its counters by keyed hashes, never by what they count', async () => {
    const { limiter, counters } = givenLimiter({});
    await limiter.admitLogin('10.0.0.1', { kind: 'name', name: 'Asha-4821' });
    await limiter.admitMessage(7);
    const keys = [...counters.hits.keys()].join(' ');
    expect(keys).toMatch(/^(login-identifier|login-address|messages):[\w-]{22}( |$)/);
    for (const secret of ['Asha', '10.0.0.1', ':7']) expect(keys).not.toContain(secret);
  });

  it('counts persona correction requests per student over an hour', async () => {
    const { limiter } = givenLimiter({ personaCorrectionsPerStudent: 1 });
    await limiter.admitPersonaCorrection(7);
    await expect(limiter.admitPersonaCorrection(7)).rejects.toThrow(
      'Too many requests: at most 1 per hour. Try again in 42 s.',
    );
    await expect(limiter.admitPersonaCorrection(8)).resolves.toBeUndefined();
  });

  it('asks the database nothing for a limit set to 0', async () => {
    const { limiter, counters } = givenLimiter({ loginsPerIdentifier: 0, loginsPerAddress: 0, messagesPerStudent: 0 });
    await limiter.admitLogin('10.0.0.1', phone('9000000001'));
    await limiter.admitMessage(7);
    expect(counters.calls).toEqual([]);
  });

  it('sweeps ended windows at most once a window, before counting', async () => {
    let clock = 0;
    const { limiter, counters } = givenLimiter({}, givenCounters(), () => clock);
    await limiter.admitMessage(7);
    clock += WINDOW_SECONDS * 1000 - 1;
    await limiter.admitMessage(7);
    clock += 1;
    await limiter.admitMessage(7);
    expect(counters.calls).toEqual(['sweep', 'count 1', 'count 1', 'sweep', 'count 1']);
  });
});
