import type { AuditEntry, CoachApi } from '../api.ts';
import { readableTime } from '../render.ts';
import { table } from './staff.ts';

export interface AuditOptions {
  staff?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: string | undefined;
  offset?: string | undefined;
  json: boolean;
}

/** Who did it: the member's email, or the admin token. */
const actorText = (actor: AuditEntry['actor']) =>
  actor.kind === 'token' ? 'admin token' : (actor.email ?? `staff #${actor.staff_id}`);

/** The audit log as aligned columns, newest first; details as compact JSON at the end of the line. */
export function renderAudit(entries: AuditEntry[]): string[] {
  if (entries.length === 0) return ['No audit entries match.'];
  const header = ['when', 'who', 'action', 'target', 'details'];
  const rows = entries.map((entry) => [
    readableTime(entry.created_at),
    actorText(entry.actor),
    entry.action,
    entry.target_id === null ? entry.target_type : `${entry.target_type} ${entry.target_id}`,
    JSON.stringify(entry.details),
  ]);
  return table([header, ...rows]);
}

/** `coach audit`: the operators' writes, newest first; the API checks the filters. */
export async function showAudit(api: CoachApi, options: AuditOptions): Promise<number> {
  const entries = await api.audit({
    actor_staff_id: options.staff,
    action: options.action,
    from: options.from,
    to: options.to,
    limit: options.limit,
    offset: options.offset,
  });
  console.log(options.json ? JSON.stringify(entries, null, 2) : renderAudit(entries).join('\n'));
  return 0;
}
