import { AuditActorRecord } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { AuditRow } from './repository.ts';

export const AuditActorDto = AuditActorRecord;

export const AuditEntryDto = z
  .object({
    id: z.number().int(),
    actor: AuditActorDto,
    action: z.string(),
    target_type: z.string(),
    target_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = z.object({
  actor_staff_id: z.coerce.number().int().min(1).optional(),
  action: z.string().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function toAuditEntryDto(row: AuditRow): z.infer<typeof AuditEntryDto> {
  return {
    id: row.id,
    actor:
      row.actorKind === 'staff'
        ? {
            kind: 'staff',
            ...(row.actorStaffId !== null ? { staff_id: row.actorStaffId } : {}),
            email: row.actorEmail ?? '',
          }
        : { kind: 'token' },
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    details: row.details,
    created_at: iso(row.createdAt),
  };
}
