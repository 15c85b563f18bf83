// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient } from '../../api/client.ts';
import { RoleContext } from '../session.ts';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { AuditPage } from './AuditPage.tsx';

afterEach(cleanup);

const entries = [
  {
    id: 2,
    actor: { kind: 'staff', staff_id: 1, email: 'ada@school.test' },
    action: 'persona_revision.approve',
    target_type: 'persona_revision',
    target_id: '17',
    details: { user_id: 4, number: 2 },
    created_at: '2026-12-02T10:00:00Z',
  },
  {
    id: 1,
    actor: { kind: 'token' },
    action: 'settings.update',
    target_type: 'settings',
    target_id: null,
    details: { persona_review: { from: 'off', to: 'all' } },
    created_at: '2026-12-01T10:00:00Z',
  },
];

function givenAuditApi() {
  const queries: URLSearchParams[] = [];
  const backend = fakeBackend({
    'GET /api/admin/staff': () =>
      json(200, [
        {
          id: 1,
          email: 'ada@school.test',
          name: 'Ada',
          role: 'admin',
          disabled: false,
          created_at: '2026-12-01T00:00:00Z',
        },
      ]),
    'GET /api/admin/audit': (request) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const action = query.get('action');
      return json(200, action ? entries.filter((e) => e.action === action) : entries);
    },
    'GET /api/admin/settings': () => json(200, { persona_review: 'off', updated_at: '2026-12-01T00:00:00Z' }),
  });
  return {
    client: createApiClient({ token: () => 'admin', baseUrl: 'http://coach.test', fetch: backend.fetch }),
    queries,
  };
}

describe('<AuditPage>', () => {
  it('shows who did what to which record, newest first, a staff member by email and the admin token as such', async () => {
    const { client } = givenAuditApi();
    render(<AuditPage client={client} />);
    const table = await screen.findByRole('table');
    const rows = await within(table).findAllByRole('row');
    expect(rows[1]?.textContent).toContain('ada@school.test');
    expect(rows[1]?.textContent).toContain('persona_revision.approve');
    expect(rows[1]?.textContent).toContain('persona_revision 17');
    expect(rows[2]?.textContent).toContain('admin token');
  });

  it('filters by member, action and days', async () => {
    const { client, queries } = givenAuditApi();
    render(<AuditPage client={client} />);
    await screen.findByRole('option', { name: /Ada/ });
    fireEvent.change(screen.getByLabelText('Who'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'settings.update' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(queries.at(-1)?.get('action')).toBe('settings.update'));
    const last = queries.at(-1)!;
    expect(last.get('actor_staff_id')).toBe('1');
    // the "to" day is included: the range ends where the next day starts
    expect(new Date(last.get('to')!).getTime() - new Date(last.get('from')!).getTime()).toBe(2 * 86_400_000);
    expect(await screen.findByText('1 entry')).toBeTruthy();
  });
});

describe('a role without the right', () => {
  it('sees Settings with Save disabled as a viewer, enabled with the admin token', async () => {
    const { client } = givenAuditApi();
    render(
      <RoleContext.Provider value="viewer">
        <SettingsPage client={client} />
      </RoleContext.Provider>,
    );
    expect(((await screen.findByRole('button', { name: /Save/ })) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    render(<SettingsPage client={givenAuditApi().client} />);
    const save = await screen.findByRole('button', { name: /Save/ });
    // nothing changed yet: disabled for that reason only; a viewer's stays disabled whatever they pick
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/All/));
    expect((save as HTMLButtonElement).disabled).toBe(false);
  });
});
