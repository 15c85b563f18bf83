import type { AuditActor, Db, StaffRole } from '@coach/data';
import { Conflict, Forbidden, Invalid, NotFound, Unauthorized } from '@coach/runtime';
import { recordAudit } from '../audit/repository.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, unknownMemberHash, verifyPassword } from './passwords.ts';
import { createStaffRepository, type StaffChange, type StaffRow } from './repository.ts';

/** The one answer to a failed sign-in, whether the email, the password or the account was wrong. */
export const WRONG_SIGN_IN = 'Wrong email or password.';

export interface NewMember {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

export interface MemberPatch {
  role?: StaffRole | undefined;
  name?: string | undefined;
  disabled?: boolean | undefined;
}

function checkStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Invalid(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

/** Staff accounts: sign-in, a member's own password, and the admins' changes (each with its audit entry). */
export function createStaffService(db: Db) {
  const reads = createStaffRepository(db);

  async function find(id: number): Promise<StaffRow> {
    const member = await reads.findById(id);
    if (!member) throw new NotFound(`Staff member ${id} not found.`);
    return member;
  }

  return {
    find,
    list: () => reads.list(),

    /** The member behind an email and password; the same refusal for an unknown email, a wrong password or a disabled account. */
    async signIn(email: string, password: string): Promise<StaffRow> {
      const member = await reads.findByEmail(email.trim());
      // an unknown email costs a hash too, so the answer's timing does not say whether it exists
      const matches = await verifyPassword(password, member?.passwordHash ?? (await unknownMemberHash()));
      if (!member || !matches || member.disabled) throw new Unauthorized(WRONG_SIGN_IN);
      return member;
    },

    /** A member's new password; every token they had stops (the one they call with too). */
    async changeOwnPassword(member: StaffRow, current: string, next: string): Promise<void> {
      if (!(await verifyPassword(current, member.passwordHash))) throw new Forbidden('The current password is wrong.');
      checkStrength(next);
      const passwordHash = await hashPassword(next);
      const actor: AuditActor = { kind: 'staff', staff_id: member.id, email: member.email };
      await db.transaction(async (tx) => {
        await createStaffRepository(tx).update(member.id, { passwordHash, endSessions: true });
        await recordAudit(tx, actor, { action: 'staff.password_change', targetType: 'staff', targetId: member.id });
      });
    },

    async create(actor: AuditActor, values: NewMember): Promise<StaffRow> {
      checkStrength(values.password);
      const passwordHash = await hashPassword(values.password);
      const email = values.email.trim().toLowerCase();
      return db.transaction(async (tx) => {
        const created = await createStaffRepository(tx).insert({
          email,
          name: values.name.trim(),
          role: values.role,
          passwordHash,
        });
        if (!created) throw new Conflict(`A staff member with the email ${email} exists already.`);
        await recordAudit(tx, actor, {
          action: 'staff.create',
          targetType: 'staff',
          targetId: created.id,
          details: { email: created.email, name: created.name, role: created.role },
        });
        return created;
      });
    },

    /**
     * A role, name or disabled change. Disabling ends the member's sessions at once; the last enabled
     * admin can be neither demoted nor disabled (409), or nobody could manage staff again.
     */
    async update(actor: AuditActor, id: number, patch: MemberPatch): Promise<StaffRow> {
      return db.transaction(async (tx) => {
        const repo = createStaffRepository(tx);
        const admins = await repo.lockEnabledAdmins();
        const before = await repo.findById(id);
        if (!before) throw new NotFound(`Staff member ${id} not found.`);
        const stopsBeingAdmin =
          admins.includes(id) && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
        if (stopsBeingAdmin && admins.length === 1) {
          throw new Conflict('This is the last enabled admin: make another admin first.');
        }
        const change: StaffChange = {
          role: patch.role,
          name: patch.name?.trim(),
          disabled: patch.disabled,
          endSessions: patch.disabled === true && !before.disabled,
        };
        const after = (await repo.update(id, change))!;
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const key of ['role', 'name', 'disabled'] as const) {
          if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
        }
        await recordAudit(tx, actor, {
          action: 'staff.update',
          targetType: 'staff',
          targetId: id,
          details: { email: after.email, changes },
        });
        return after;
      });
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
