import { createHmac } from 'node:crypto';
import { HttpError } from '@coach/runtime';
import type { Identifier } from '../auth/service.ts';
import type { RateLimitsRepository } from './repository.ts';

/** Most limits count per minute; the sweep of ended windows runs at most once a minute. */
export const WINDOW_SECONDS = 60;
/** Persona correction requests count per hour: a few a day is plenty, a burst is not a request. */
export const HOUR_SECONDS = 3600;

/** Counters whose window is longer than a minute, by name: the sweep leaves their open windows alone. */
const LONGER_WINDOWS: Record<string, number> = { 'persona-corrections': HOUR_SECONDS };

/** Allowances per window; 0 turns that limit off. */
export interface RateLimits {
  loginsPerIdentifier: number;
  loginsPerAddress: number;
  messagesPerStudent: number;
  /** Per hour. */
  personaCorrectionsPerStudent: number;
}

export class TooManyRequests extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(max: number, retryAfterSeconds: number, per = 'minute') {
    super(429, `Too many requests: at most ${max} per ${per}. Try again in ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

interface Allowance {
  key: string;
  max: number;
}

/**
 * Admits a request or refuses it with TooManyRequests, by counters every replica shares. Each counter is
 * named by a keyed hash of what it counts, so the table holds no phone number, name, address or id.
 */
export function createRateLimiter(
  repo: RateLimitsRepository,
  options: { limits: RateLimits; keySecret: string; now?: () => number },
) {
  const { limits } = options;
  const now = options.now ?? Date.now;
  let lastSweep = Number.NEGATIVE_INFINITY;

  const key = (counter: string, subject: string) =>
    `${counter}:${createHmac('sha256', options.keySecret).update(subject).digest('base64url').slice(0, 22)}`;

  async function admit(
    allowances: Allowance[],
    windowSeconds = WINDOW_SECONDS,
    per = 'minute',
    counting: RateLimitsRepository = repo,
  ): Promise<void> {
    const limited = allowances.filter((allowance) => allowance.max > 0);
    if (limited.length === 0) return;
    await sweepEndedWindows();
    const counted = await counting.countHits(
      limited.map((allowance) => allowance.key),
      windowSeconds,
    );
    const hits = new Map(counted.map((hit) => [hit.key, hit]));
    for (const allowance of limited) {
      const hit = hits.get(allowance.key);
      if (hit && hit.hits > allowance.max) {
        throw new TooManyRequests(allowance.max, Math.max(1, hit.secondsLeft), per);
      }
    }
  }

  // at most once a window per process: the table holds about one row per key active in the last window
  async function sweepEndedWindows(): Promise<void> {
    if (now() - lastSweep < WINDOW_SECONDS * 1000) return;
    lastSweep = now();
    try {
      await repo.deleteEndedWindows(WINDOW_SECONDS, LONGER_WINDOWS);
    } catch {
      // a sweep that fails leaves rows for the next one; it must not cost the caller their request
    }
  }

  return {
    /**
     * A login: counted against what the student typed (so one account cannot be hammered) and against
     * the address (a ceiling for a whole school behind one NAT), not the address alone.
     */
    admitLogin(address: string, identifier: Identifier): Promise<void> {
      const subject = identifier.kind === 'phone' ? `phone:${identifier.phoneNumber}` : `name:${identifier.name}`;
      return admit([
        { key: key('login-identifier', subject), max: limits.loginsPerIdentifier },
        { key: key('login-address', address), max: limits.loginsPerAddress },
      ]);
    },

    /**
     * A staff sign-in: counted against the email (lower-cased, so one member cannot be hammered under
     * another spelling) and the address, on the students' login allowances.
     */
    admitStaffLogin(address: string, email: string): Promise<void> {
      return admit([
        { key: key('staff-login-email', email.trim().toLowerCase()), max: limits.loginsPerIdentifier },
        { key: key('login-address', address), max: limits.loginsPerAddress },
      ]);
    },

    /**
     * A message: counted per student, however many tokens or addresses they use. `counting`: the
     * counters of the transaction that stores the message, so the count costs no commit of its own.
     */
    admitMessage(studentId: number, counting?: RateLimitsRepository): Promise<void> {
      return admit(
        [{ key: key('messages', String(studentId)), max: limits.messagesPerStudent }],
        WINDOW_SECONDS,
        'minute',
        counting,
      );
    },

    /** A persona correction request, counted per student over an hour. */
    admitPersonaCorrection(studentId: number): Promise<void> {
      return admit(
        [{ key: key('persona-corrections', String(studentId)), max: limits.personaCorrectionsPerStudent }],
        HOUR_SECONDS,
        'hour',
      );
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
