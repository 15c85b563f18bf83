import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf, currentMember } from '../http/auth.ts';
import { IdParams } from '../http/params.ts';
import {
  NewStaffBody,
  PasswordChangeBody,
  StaffDto,
  StaffLoginBody,
  StaffLoginResponse,
  StaffPatchBody,
  toStaffDto,
} from './schemas.ts';
import { createStaffService } from './service.ts';
import { issueStaffToken } from './tokens.ts';

export function registerStaffRoutes(app: ZodApp, ctx: AppContext): void {
  const staff = createStaffService(ctx.db);
  const tags = ['staff and audit'];
  const admin = ctx.guards.staff('admin');

  app.post(
    '/api/staff/login',
    {
      schema: {
        tags,
        summary: 'Sign in as a staff member',
        description:
          'One 401 for a wrong email, a wrong password or a disabled account. Rate-limited per email and per ' +
          'address on the login limits (`LOGIN_RATE_LIMIT_PER_MINUTE`, `LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE`): 429.',
        body: StaffLoginBody,
        response: { 200: StaffLoginResponse },
      },
    },
    async (request) => {
      await ctx.limiter.admitStaffLogin(request.ip, request.body.email);
      const member = await staff.signIn(request.body.email, request.body.password);
      return {
        access_token: issueStaffToken(member, ctx.secrets.tokenSecret, ctx.config.tokenTtlSeconds),
        token_type: 'bearer' as const,
        staff: toStaffDto(member),
      };
    },
  );

  app.get(
    '/api/staff/me',
    {
      onRequest: ctx.guards.staffMember,
      schema: { tags, summary: 'The signed-in staff member', response: { 200: StaffDto } },
    },
    async (request) => toStaffDto(currentMember(request)),
  );

  app.post(
    '/api/staff/me/password',
    {
      onRequest: ctx.guards.staffMember,
      schema: {
        tags,
        summary: 'Change my password (at least 12 characters); my other sessions end',
        body: PasswordChangeBody,
      },
    },
    async (request, reply) => {
      const { current_password, new_password } = request.body;
      await staff.changeOwnPassword(currentMember(request), current_password, new_password);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/admin/staff',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Add a staff member (409: the email exists)',
        body: NewStaffBody,
        response: { 201: StaffDto },
      },
    },
    async (request, reply) => reply.status(201).send(toStaffDto(await staff.create(actorOf(request), request.body))),
  );

  app.get(
    '/api/admin/staff',
    { onRequest: admin, schema: { tags, summary: 'Every staff member', response: { 200: z.array(StaffDto) } } },
    async () => (await staff.list()).map(toStaffDto),
  );

  app.patch(
    '/api/admin/staff/:id',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: "Change a member's role, name or disabled; the last enabled admin stays one (409)",
        params: IdParams,
        body: StaffPatchBody,
        response: { 200: StaffDto },
      },
    },
    async (request) => toStaffDto(await staff.update(actorOf(request), request.params.id, request.body)),
  );
}
