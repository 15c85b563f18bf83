import { z } from 'zod';
import type { UserRow } from './repository.ts';

export const UserDto = z
  .object({
    id: z.number().int(),
    phone_number: z.string().nullable(),
    name: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'User' });

export function toUserDto(row: Pick<UserRow, 'id' | 'phoneNumber' | 'name' | 'createdAt'>) {
  return {
    id: row.id,
    phone_number: row.phoneNumber,
    name: row.name,
    created_at: row.createdAt.toISOString(),
  };
}
