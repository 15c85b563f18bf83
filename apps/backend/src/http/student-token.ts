import type { Secrets } from '@coach/runtime';
import { Unauthorized } from '@coach/runtime';
import type { FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `studentTokenGuard`: the student the token names, their account not yet looked up. */
    studentId?: number;
  }
}

/** A valid token of a student whose account was deleted (the wording of the students' guard). */
export const ACCOUNT_GONE = 'This account no longer exists. Please log in again.';

type Guard = (request: FastifyRequest) => Promise<void>;

/**
 * The students' guard without its read of the database, for a chat turn's hot routes (send a message,
 * poll for the reply): a valid student token is admitted on its signature, and the route's own
 * transaction checks that the account still exists (`ACCOUNT_GONE`), so the guard costs no transaction.
 * Any other token goes through `studentsGuard`, which refuses it exactly as it refuses it everywhere.
 */
export function studentTokenGuard(secrets: Pick<Secrets, 'tokenSecret'>, studentsGuard: Guard): Guard {
  return async (request) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const check = match?.[1] ? verifyAccessToken(match[1], secrets.tokenSecret) : undefined;
    if (check?.ok) {
      request.studentId = check.userId;
      return;
    }
    await studentsGuard(request);
    // a valid student token was admitted above: whatever the students' guard let through is not one
    throw new Unauthorized('Invalid or unknown token.');
  };
}

/** The student of a route guarded by `studentTokenGuard`. */
export function currentStudentId(request: FastifyRequest): number {
  if (request.studentId === undefined)
    throw new Unauthorized('Not authenticated: send an Authorization: Bearer <token> header.');
  return request.studentId;
}
