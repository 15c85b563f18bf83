import { Invalid } from '@coach/runtime';
import type { FastifyRequest } from 'fastify';
import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { toUserDto } from '../users/repository.ts';
import { LoginBody, LoginResponse, PhoneLoginBody, UserDto } from './schemas.ts';
import { createAuthService, type LoginResult, parseIdentifier, phoneDigits } from './service.ts';
import { issueAccessToken } from './tokens.ts';

export function registerAuthRoutes(app: ZodApp, ctx: AppContext): void {
  const auth = createAuthService(ctx.repos.users);
  const rateLimit = {
    max: ctx.config.loginRateLimitPerMinute,
    timeWindow: '1 minute',
    // logins are anonymous: counted per address, so a made-up Authorization header buys no fresh allowance
    keyGenerator: (request: FastifyRequest) => request.ip,
  };

  const respond = (result: LoginResult) => ({
    success: true,
    message: result.created ? 'Account created. Welcome!' : 'Welcome back!',
    user: toUserDto(result.user),
    generated_name: result.generatedName,
    access_token: issueAccessToken(result.user.id, ctx.secrets.tokenSecret, ctx.config.tokenTtlSeconds),
    token_type: 'bearer' as const,
  });

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in (or sign up) with a phone number or a name',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request) => {
      const raw = (request.body.identifier ?? request.body.phone_number ?? '').trim();
      return respond(await auth.login(parseIdentifier(raw)));
    },
  );

  app.post(
    '/api/auth/login/phone',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a phone number (older clients)',
        body: PhoneLoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request) => {
      // this route takes numbers only: anything else is a bad number, not a name
      const phoneNumber = phoneDigits(request.body.phone_number);
      if (!phoneNumber) throw new Invalid('A phone number must have 10 to 15 digits.');
      return respond(await auth.login({ kind: 'phone', phoneNumber }));
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: ctx.guards.user,
      schema: { tags: ['auth'], summary: 'The logged-in student', response: { 200: UserDto } },
    },
    async (request) => toUserDto(currentUser(request)),
  );
}
