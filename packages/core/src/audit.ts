import { z } from 'zod';

/**
 * Who made an operator write (docs/api/staff-and-audit.md): a staff member, or a caller with the admin
 * token. The audit log's entries and the decisions on persona revisions, corrections and safety alerts
 * (`decided_by`, `resolved_by`) name it so.
 */
export const AuditActorRecord = z
  .object({
    kind: z.enum(['staff', 'token']),
    staff_id: z.number().int().optional(),
    email: z.string().optional(),
  })
  .meta({ id: 'AuditActor' });
export type AuditActorRecord = z.infer<typeof AuditActorRecord>;
