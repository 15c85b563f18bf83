import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { StaffRow } from './repository.ts';

export const StaffRole = z.enum(['admin', 'reviewer', 'viewer']);

export const StaffDto = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: StaffRole,
    disabled: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'StaffMember' });

export const StaffLoginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const StaffLoginResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    staff: StaffDto,
  })
  .meta({ id: 'StaffLoginResponse' });

// the length rule (422) is the service's, so its message names it; the ceiling keeps a hash cheap
export const PasswordChangeBody = z.object({
  current_password: z.string().max(1024),
  new_password: z.string().max(1024),
});

const Name = z.string().trim().min(1).max(100);

export const NewStaffBody = z.object({
  email: z.email().max(320),
  name: Name,
  role: StaffRole,
  password: z.string().max(1024),
});

export const StaffPatchBody = z
  .object({ role: StaffRole.optional(), name: Name.optional(), disabled: z.boolean().optional() })
  .strict();

export function toStaffDto(row: StaffRow): z.infer<typeof StaffDto> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    created_at: iso(row.createdAt),
  };
}
