// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient } from '../../api/client.ts';
import { StaffPage } from './StaffPage.tsx';

afterEach(cleanup);

const at = '2026-12-01T09:00:00Z';

function givenStaffApi() {
  const members = [
    { id: 1, email: 'ada@school.test', name: 'Ada', role: 'admin', disabled: false, created_at: at },
    { id: 2, email: 'vic@school.test', name: 'Vic', role: 'viewer', disabled: false, created_at: at },
  ];
  const bodies: Record<string, unknown> = {};
  const backend = fakeBackend({
    'GET /api/admin/staff': () => json(200, members),
    'PATCH /api/admin/staff/2': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.patch = body;
      Object.assign(members[1]!, body);
      return json(200, members[1]);
    },
    'POST /api/admin/staff': async (request) => {
      const body = (await request.json()) as { email: string; name: string; role: string };
      bodies.post = body;
      const created = { id: 3, email: body.email, name: body.name, role: body.role, disabled: false, created_at: at };
      members.push(created);
      return json(201, created);
    },
  });
  return {
    client: createApiClient({ token: () => 'admin', baseUrl: 'http://coach.test', fetch: backend.fetch }),
    bodies,
  };
}

describe('<StaffPage>', () => {
  it('lists the members, marks me, and changes a role or disables an account', async () => {
    const { client, bodies } = givenStaffApi();
    render(<StaffPage client={client} selfId={1} />);
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Ada (you)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Role of Vic'), { target: { value: 'reviewer' } });
    expect((await screen.findByRole('status')).textContent).toContain('Vic is now reviewer.');
    expect(bodies.patch).toEqual({ role: 'reviewer' });
    fireEvent.click(screen.getByRole('button', { name: 'Disable Vic' }));
    await waitFor(() => expect(bodies.patch).toEqual({ disabled: true }));
    expect(await screen.findByRole('button', { name: 'Enable Vic' })).toBeTruthy();
  });

  it('adds a member with a first password, never showing it back', async () => {
    const { client, bodies } = givenStaffApi();
    render(<StaffPage client={client} selfId={null} />);
    await screen.findByText('Ada');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Rita' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'rita@school.test' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'reviewer' } });
    fireEvent.change(screen.getByLabelText(/First password/), { target: { value: 'a long first password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText(/Rita was added as reviewer/)).toBeTruthy();
    expect(bodies.post).toEqual({
      email: 'rita@school.test',
      name: 'Rita',
      role: 'reviewer',
      password: 'a long first password',
    });
    expect(document.body.textContent).not.toContain('a long first password');
  });
});
