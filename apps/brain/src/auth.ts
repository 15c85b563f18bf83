import { secretsEqual, Unauthorized } from '@coach/runtime';
import type { FastifyRequest } from 'fastify';

/** An `onRequest` hook that lets a request through only with a token the Brain takes. */
export type ServiceGuard = (request: FastifyRequest) => Promise<void>;

/** The Brain's routes take the internal token or the admin token (docs/api/brain.md). */
export function createServiceGuard(tokens: { internalToken: string; adminToken?: string | undefined }): ServiceGuard {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    if (!header) throw new Unauthorized('Not authenticated: send an Authorization: Bearer <token> header.');
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) throw new Unauthorized('The Authorization header must be "Bearer <token>".');
    const internal = secretsEqual(token, tokens.internalToken);
    const admin = tokens.adminToken !== undefined && secretsEqual(token, tokens.adminToken);
    if (!internal && !admin)
      throw new Unauthorized('Invalid or unknown token: the Brain takes the internal or admin token.');
  };
}
