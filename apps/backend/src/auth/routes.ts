import type { AppContext, ZodApp } from '../app-context.ts';
import type { Config } from '../config.ts';
import { currentUser } from '../http/auth.ts';
import { toUserDto, UserDto } from '../users/schemas.ts';
import { LoginBody, LoginResponse, PhoneLoginBody } from './schemas.ts';
import { createAuthService, type LoginResult, parseIdentifier, parsePhoneIdentifier } from './service.ts';
import { issueAccessToken } from './tokens.ts';

export function registerAuthRoutes(app: ZodApp, ctx: AppContext): void {
  const auth = createAuthService(ctx.repos.users);

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
      schema: {
        tags: ['auth'],
        summary: 'Log in (or sign up) with a phone number or a name',
        description: loginLimitsDescription(ctx.config),
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request) => {
      const raw = (request.body.identifier ?? request.body.phone_number ?? '').trim();
      const identifier = parseIdentifier(raw);
      await ctx.limiter.admitLogin(request.ip, identifier);
      return respond(await auth.login(identifier));
    },
  );

  app.post(
    '/api/auth/login/phone',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a phone number (older clients)',
        description: loginLimitsDescription(ctx.config),
        body: PhoneLoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request) => {
      const identifier = parsePhoneIdentifier(request.body.phone_number);
      await ctx.limiter.admitLogin(request.ip, identifier);
      return respond(await auth.login(identifier));
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

/** The login routes' rate limits as they are configured, for the OpenAPI description. */
function loginLimitsDescription(config: Config): string {
  const limit = (n: number) => (n > 0 ? `${n} a minute` : 'no limit');
  return [
    'Rate-limited, by counters all Backend replicas share: per identifier (the phone number or name, as',
    `normalised for login; \`LOGIN_RATE_LIMIT_PER_MINUTE\`, here ${limit(config.loginRateLimitPerMinute)}) and per`,
    'client address for all identifiers together, sized for a school behind one address',
    `(\`LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE\`, here ${limit(config.loginAddressRateLimitPerMinute)}).`,
    'Both routes count on the same counters. Over a limit: 429 with a `detail` and `Retry-After`.',
  ].join(' ');
}
