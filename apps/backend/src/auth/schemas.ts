import { z } from 'zod';
import { UserDto } from '../users/schemas.ts';

export const LoginBody = z
  .object({
    identifier: z.string().max(200).optional(),
    phone_number: z.string().max(200).optional(),
  })
  .refine((b) => (b.identifier ?? b.phone_number ?? '').trim() !== '', {
    error: 'send a non-empty identifier (a phone number or a name)',
    path: ['identifier'],
  });

export const PhoneLoginBody = z.object({ phone_number: z.string().max(200) });

export const LoginResponse = z
  .object({
    success: z.boolean(),
    message: z.string(),
    user: UserDto,
    generated_name: z.string().nullable(),
    access_token: z.string(),
    token_type: z.literal('bearer'),
  })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;
