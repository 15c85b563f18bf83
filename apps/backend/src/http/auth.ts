import type { Secrets } from '@coach/runtime';
import { Forbidden, secretsEqual, Unauthorized } from '@coach/runtime';
import type { FastifyRequest } from 'fastify';
import { verifyAccessToken } from '../auth/tokens.ts';
import type { UserRow, UsersRepository } from '../users/repository.ts';

/** Who is calling, once the bearer token has been checked. */
export type Caller = { kind: 'user'; user: UserRow } | { kind: 'admin' } | { kind: 'internal' };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

type Guard = (request: FastifyRequest) => Promise<void>;

export interface Guards {
  user: Guard;
  admin: Guard;
  /** The internal token, or the admin token. */
  internal: Guard;
  userOrAdmin: Guard;
}

const NEEDS_TOKEN = 'Not authenticated: send an Authorization: Bearer <token> header.';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new Unauthorized(NEEDS_TOKEN);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new Unauthorized('The Authorization header must be "Bearer <token>".');
  return match[1];
}

export function createGuards(secrets: Secrets, users: UsersRepository): Guards {
  async function identify(request: FastifyRequest): Promise<Caller> {
    const token = bearer(request);
    // both service tokens are always compared, so timing does not tell which one was close
    const isAdmin = secretsEqual(token, secrets.adminToken);
    const isInternal = secretsEqual(token, secrets.internalToken);
    if (isAdmin) return { kind: 'admin' };
    if (isInternal) return { kind: 'internal' };
    const check = verifyAccessToken(token, secrets.tokenSecret);
    if (!check.ok) {
      throw new Unauthorized(
        check.reason === 'expired' ? 'Your session has expired. Please log in again.' : 'Invalid or unknown token.',
      );
    }
    const user = await users.findById(check.userId);
    if (!user) throw new Unauthorized('This account no longer exists. Please log in again.');
    return { kind: 'user', user };
  }

  const guard =
    (allowed: ReadonlyArray<Caller['kind']>, refusal: string): Guard =>
    async (request) => {
      const caller = await identify(request);
      if (!allowed.includes(caller.kind)) throw new Forbidden(refusal);
      request.caller = caller;
    };

  return {
    user: guard(['user'], 'This route is for students: log in and use your access token.'),
    admin: guard(['admin'], 'This route needs the admin token.'),
    internal: guard(['internal', 'admin'], 'This route needs the internal or admin token.'),
    userOrAdmin: guard(['user', 'admin'], 'This route needs a student access token or the admin token.'),
  };
}

/** The logged-in student of a route guarded by `guards.user`. */
export function currentUser(request: FastifyRequest): UserRow {
  if (request.caller?.kind !== 'user') throw new Unauthorized(NEEDS_TOKEN);
  return request.caller.user;
}
