import { type FormEvent, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';

type Entry = Schemas['AuditEntry'];

const PAGE_SIZE = 50;

/** The actions operators' writes are recorded as (docs/api/staff-and-audit.md). */
export const AUDIT_ACTIONS = [
  'prompt.create',
  'prompt.update',
  'prompt.delete',
  'prompt.version.create',
  'prompt.version.set_active',
  'prompt.version.set_production',
  'prompt.version.unset_production',
  'settings.update',
  'flow_config.replace',
  'persona.upsert',
  'persona_revision.approve',
  'persona_revision.reject',
  'persona_revision.restore',
  'persona_correction.resolve',
  'safety_alert.resolve',
  'task.trigger',
  'task.resume',
  'student.export',
  'student.delete',
  'staff.create',
  'staff.update',
  'staff.password_change',
];

interface Filters {
  member: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { member: '', action: '', from: '', to: '' };

/** A day picked in the form as the start of that day, local time, for the API. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayAfter = (day: string) => new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString();

/** Who did it, as one line: the member's email, or the admin token. */
export function actorLabel(actor: Entry['actor']): string {
  return actor.kind === 'token' ? 'admin token' : (actor.email ?? `staff ${actor.staff_id}`);
}

/** The audit log (admins only): every operator write, newest first, with filters. */
export function AuditPage({ client }: { client: ApiClient }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [members, setMembers] = useState<Schemas['StaffMember'][]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.GET('/api/admin/staff'))
      .then(setMembers)
      .catch(() => setMembers([]));
  }, [client]);

  useEffect(() => {
    let live = true;
    const query = {
      limit: PAGE_SIZE,
      offset,
      ...(filters.member && { actor_staff_id: Number(filters.member) }),
      ...(filters.action && { action: filters.action }),
      ...(filters.from && { from: dayStart(filters.from) }),
      ...(filters.to && { to: dayAfter(filters.to) }),
    };
    unwrap(client.GET('/api/admin/audit', { params: { query } }))
      .then((found) => {
        if (!live) return;
        setEntries(found);
        setError(null);
      })
      .catch((failure: unknown) => live && setError(errorMessage(failure)));
    return () => {
      live = false;
    };
  }, [client, filters, offset]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  }

  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Audit log" />
      <p className="hint">
        Every change an operator made, newest first: who (a staff member, or the admin token), what, and to which
        record. A deleted student’s entries keep only the student’s id.
      </p>
      <form onSubmit={apply} className="inline-form audit-filters" aria-label="Filter the audit log">
        <label htmlFor="audit-member">Who</label>
        <select id="audit-member" value={draft.member} onChange={set('member')}>
          <option value="">Anyone</option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} ({member.email})
            </option>
          ))}
        </select>
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={draft.action} onChange={set('action')}>
          <option value="">Any</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        <button type="submit" className="primary">
          Show
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line" role="status">
        {entries === null
          ? 'Loading…'
          : `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${offset > 0 ? ` from number ${offset + 1}` : ''}`}
      </p>
      <table className="data-table" id="audit-entries">
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((entry) => (
            <tr key={entry.id}>
              <td>{fullTime(entry.created_at)}</td>
              <td>{actorLabel(entry.actor)}</td>
              <th scope="row">{entry.action}</th>
              <td>
                {entry.target_type}
                {entry.target_id !== null && ` ${entry.target_id}`}
              </td>
              <td>
                <code className="audit-details">{JSON.stringify(entry.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          Newer
        </button>
        <button
          type="button"
          disabled={entries === null || entries.length < PAGE_SIZE}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          Older
        </button>
      </div>
    </section>
  );
}
