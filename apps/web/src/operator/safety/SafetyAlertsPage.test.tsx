// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient, type Schemas } from '../../api/client.ts';
import { SafetyAlertsPage } from './SafetyAlertsPage.tsx';

afterEach(cleanup);

function alert(id: number, name: string, overrides: Partial<Schemas['SafetyAlert']> = {}): Schemas['SafetyAlert'] {
  return {
    id,
    user_id: id * 10,
    name,
    conversation_id: id * 100,
    message_id: id * 1000,
    category: 'self_harm',
    severity: 'high',
    excerpt: 'I do not want to be here any more',
    status: 'open',
    note: null,
    created_at: '2026-12-03T10:00:00Z',
    resolved_at: null,
    resolved_by: null,
    ...overrides,
  };
}

function givenAlertsPage(routes: Parameters<typeof fakeBackend>[0]) {
  const bodies: unknown[] = [];
  const backend = fakeBackend(routes);
  const client = createApiClient({
    token: () => 'admin',
    baseUrl: 'http://coach.test',
    fetch: async (request) => {
      if (request.method === 'POST') bodies.push(await request.clone().json());
      return backend.fetch(request);
    },
  });
  let changed = 0;
  render(<SafetyAlertsPage client={client} onAlertsChanged={() => changed++} />);
  return { bodies, calls: backend.calls, changed: () => changed };
}

const byStatus = (open: Schemas['SafetyAlert'][], resolved: Schemas['SafetyAlert'][] = []) => ({
  'GET /api/admin/safety/alerts': (request: Request) =>
    json(200, new URL(request.url).searchParams.get('status') === 'resolved' ? resolved : open),
});

describe('<SafetyAlertsPage>', () => {
  it('shows each open alert with its category, severity, time, student and a link to the message in its conversation', async () => {
    givenAlertsPage(byStatus([alert(1, 'Mei'), alert(2, 'Tomas', { category: 'violence', severity: 'high' })]));

    const card = (await screen.findByRole('article', { name: /Self-harm/ })) as HTMLElement;
    expect(within(card).getByText('high')).toBeTruthy();
    expect(within(card).getByText('I do not want to be here any more')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Mei' }).getAttribute('href')).toBe('/operator/students/10');
    expect(
      within(card)
        .getByRole('link', { name: /Read the message in its conversation/ })
        .getAttribute('href'),
    ).toBe('/operator/students/10#conversation-100-message-1000');
    expect(card.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-03T10:00:00Z');
    expect(screen.getByRole('heading', { name: 'Open (2)' })).toBeTruthy();
    expect(screen.getByRole('article', { name: /Violence/ })).toBeTruthy();
  });

  it('resolves an alert with a note, says so, and tells the navigation to count again', async () => {
    let open = [alert(1, 'Mei'), alert(2, 'Tomas')];
    const page = givenAlertsPage({
      ...byStatus([]),
      'GET /api/admin/safety/alerts': () => json(200, open),
      'POST /api/admin/safety/alerts/1/resolve': () => {
        open = open.slice(1);
        return json(200, alert(1, 'Mei', { status: 'resolved', note: 'Parents called.' }));
      },
    });
    const card = (await screen.findAllByRole('article'))[0]!;
    fireEvent.change(within(card).getByLabelText(/What was done/), { target: { value: ' Parents called. ' } });
    fireEvent.click(within(card).getByRole('button', { name: /Resolve/ }));

    await screen.findByText('Resolved the self-harm alert about Mei.');
    expect(page.bodies).toEqual([{ note: 'Parents called.' }]);
    expect(page.changed()).toBe(1);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(screen.getByRole('heading', { name: 'Open (1)' })).toBeTruthy();
  });

  it('shows what the Backend said when the alert was resolved meanwhile (409)', async () => {
    givenAlertsPage({
      ...byStatus([alert(3, 'Asha')]),
      'POST /api/admin/safety/alerts/3/resolve': () => json(409, { detail: 'Safety alert 3 is resolved, not open.' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /Resolve/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Safety alert 3 is resolved, not open.');
  });

  it('says when nothing is open, and lists resolved alerts with their notes on demand', async () => {
    const page = givenAlertsPage(
      byStatus(
        [],
        [alert(4, 'Ravi', { status: 'resolved', note: 'Counsellor met Ravi.', resolved_at: '2026-12-03T11:00:00Z' })],
      ),
    );
    expect(await screen.findByText('No open alerts.')).toBeTruthy();
    expect(page.calls.filter((call) => call === 'GET /api/admin/safety/alerts')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Show resolved alerts' }));
    const resolved = (await screen.findByRole('article', { name: /Self-harm/ })) as HTMLElement;
    expect(within(resolved).getByText(/Counsellor met Ravi\./)).toBeTruthy();
    expect(within(resolved).queryByRole('button', { name: /Resolve/ })).toBeNull();
  });

  it('says when the conversation was deleted instead of linking to it', async () => {
    givenAlertsPage(byStatus([alert(5, 'Lina', { conversation_id: null, message_id: null })]));
    expect(await screen.findByText(/The student deleted this conversation/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Read the message/ })).toBeNull();
  });
});
