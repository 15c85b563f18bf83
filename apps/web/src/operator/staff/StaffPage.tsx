import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';
import type { Role } from '../session.ts';

type Member = Schemas['StaffMember'];

const ROLES: { value: Role; label: string; can: string }[] = [
  { value: 'admin', label: 'Admin', can: 'everything, staff and the audit log included' },
  { value: 'reviewer', label: 'Reviewer', can: 'reads everything; decides personas, resolves corrections and alerts' },
  { value: 'viewer', label: 'Viewer', can: 'reads everything, changes nothing' },
];

/** Staff accounts (admins only): add a member, change a role, disable an account. */
export function StaffPage({ client, selfId }: { client: ApiClient; selfId: number | null }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(() => {
    unwrap(client.GET('/api/admin/staff'))
      .then((found) => {
        setMembers(found);
        setError(null);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);
  useEffect(load, [load]);

  async function change(member: Member, patch: { role?: Role; disabled?: boolean }, said: string) {
    setStatus(null);
    try {
      await unwrap(client.PATCH('/api/admin/staff/{id}', { params: { path: { id: member.id } }, body: patch }));
      setError(null);
      setStatus(said);
      load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Staff" />
      <p className="hint">
        {ROLES.map((role) => (
          <span key={role.value}>
            <strong>{role.label}</strong>: {role.can}.{' '}
          </span>
        ))}
        Every change here is in the audit log.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p className="status-line success" role="status">
          {status}
        </p>
      )}
      <table className="data-table" id="staff-members">
        <caption className="visually-hidden">Staff members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Account</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {(members ?? []).map((member) => (
            <tr key={member.id}>
              <th scope="row">
                {member.name}
                {member.id === selfId && ' (you)'}
              </th>
              <td>{member.email}</td>
              <td>
                <label className="visually-hidden" htmlFor={`role-${member.id}`}>
                  Role of {member.name}
                </label>
                <select
                  id={`role-${member.id}`}
                  value={member.role}
                  onChange={(event) => {
                    const role = event.target.value as Role;
                    void change(member, { role }, `${member.name} is now ${role}.`);
                  }}
                >
                  {ROLES.map((role) => (
                    <option key={role.value} value={role.value}>
                      {role.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {member.disabled ? 'disabled' : 'active'}{' '}
                <button
                  type="button"
                  className={member.disabled ? undefined : 'danger'}
                  onClick={() =>
                    change(
                      member,
                      { disabled: !member.disabled },
                      member.disabled
                        ? `${member.name} can sign in again.`
                        : `${member.name} is disabled: their sessions ended.`,
                    )
                  }
                >
                  {member.disabled ? `Enable ${member.name}` : `Disable ${member.name}`}
                </button>
              </td>
              <td>{fullTime(member.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewMemberForm
        client={client}
        onAdded={(member) => {
          setStatus(`${member.name} was added as ${member.role}. Give them their password in person.`);
          load();
        }}
      />
    </section>
  );
}

function NewMemberForm({ client, onAdded }: { client: ApiClient; onAdded: (member: Member) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const member = await unwrap(client.POST('/api/admin/staff', { body: { email, name, role, password } }));
      setEmail('');
      setName('');
      setPassword('');
      onAdded(member);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={add} className="stacked" aria-labelledby="new-member-title">
      <h2 id="new-member-title">Add a staff member</h2>
      <label htmlFor="new-member-name">Name</label>
      <input id="new-member-name" value={name} onChange={(event) => setName(event.target.value)} required />
      <label htmlFor="new-member-email">Email</label>
      <input
        id="new-member-email"
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
      />
      <label htmlFor="new-member-role">Role</label>
      <select id="new-member-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {ROLES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor="new-member-password">First password (at least 12 characters)</label>
      <input
        id="new-member-password"
        type="password"
        autoComplete="new-password"
        minLength={12}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        required
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add member'}
        </button>
      </div>
    </form>
  );
}
