// @vitest-environment jsdom
import type { PersonaRevisionRecord } from '@coach/core';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient } from '../../api/client.ts';
import { ReviewQueuePage } from './ReviewQueuePage.tsx';

afterEach(cleanup);

function pending(id: number, name: string): PersonaRevisionRecord & { name: string } {
  return {
    id,
    user_id: id * 10,
    name,
    number: 2,
    status: 'pending',
    source: 'generator',
    persona_data: { inferred_interests: ['volcanoes'] },
    diff: [{ key: 'inferred_interests', change: 'changed', before: ['rocks'], after: ['volcanoes'] }],
    evidence: { inferred_interests: [{ memory_id: 1, conversation_id: 2, quote: 'volcanoes' }] },
    unsupported_keys: [],
    flagged_keys: [],
    job_id: null,
    created_at: '2026-12-03T10:00:00Z',
    decided_at: null,
    decided_by: null,
    reason: null,
  };
}

function givenQueue(routes: Parameters<typeof fakeBackend>[0]) {
  const bodies: Record<string, unknown> = {};
  const backend = fakeBackend(routes);
  const client = createApiClient({
    token: () => 'admin',
    baseUrl: 'http://coach.test',
    fetch: async (request) => {
      if (request.method === 'POST')
        bodies[new URL(request.url).pathname] = await request
          .clone()
          .json()
          .catch(() => null);
      return backend.fetch(request);
    },
  });
  let changed = 0;
  render(<ReviewQueuePage client={client} onQueueChanged={() => changed++} />);
  return { bodies, calls: backend.calls, changed: () => changed };
}

describe('<ReviewQueuePage>', () => {
  it('approves a revision, says what happened and moves the focus to the next one', async () => {
    let queue = [pending(1, 'Mei'), pending(2, 'Tomas')];
    const page = givenQueue({
      'GET /api/persona-revisions': () => json(200, queue),
      'GET /api/persona-corrections': () => json(200, []),
      'POST /api/persona-revisions/1/approve': () => {
        queue = queue.slice(1);
        return json(200, { revision: { ...pending(1, 'Mei'), status: 'approved' }, persona: null });
      },
    });
    await screen.findByRole('heading', { name: 'Persona changes waiting (2)' });
    const mei = screen.getByRole('article', { name: /Mei · revision 2/ });
    fireEvent.click(within(mei).getByRole('button', { name: 'Approve revision 2 for Mei' }));

    await screen.findByText('Approved revision 2 for Mei: it is the persona the coach uses now.');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Tomas · revision 2'));
    expect(screen.getByRole('heading', { name: 'Persona changes waiting (1)' })).toBeTruthy();
    expect(page.changed()).toBe(1);
  });

  it('moves between waiting revisions with j and k, but not while the operator types', async () => {
    givenQueue({
      'GET /api/persona-revisions': () => json(200, [pending(1, 'Mei'), pending(2, 'Tomas')]),
      'GET /api/persona-corrections': () => json(200, []),
    });
    await screen.findByRole('article', { name: /Tomas · revision 2/ });
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(document.activeElement?.textContent).toBe('Mei · revision 2');
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(document.activeElement?.textContent).toBe('Tomas · revision 2');
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    expect(document.activeElement?.textContent).toBe('Mei · revision 2');

    fireEvent.click(screen.getByRole('button', { name: 'Reject… revision 2 for Mei' }));
    const reason = screen.getByLabelText(/Why reject it\?/);
    reason.focus();
    fireEvent.keyDown(reason, { key: 'j' });
    expect(document.activeElement).toBe(reason);
  });

  it('rejects with the reason the operator gives', async () => {
    const page = givenQueue({
      'GET /api/persona-revisions': () => json(200, [pending(1, 'Mei')]),
      'GET /api/persona-corrections': () => json(200, []),
      'POST /api/persona-revisions/1/reject': () => json(200, { ...pending(1, 'Mei'), status: 'rejected' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reject… revision 2 for Mei' }));
    fireEvent.change(screen.getByLabelText(/Why reject it\?/), { target: { value: ' Mei never said that ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject revision 2' }));
    await screen.findByText('Rejected revision 2 for Mei. Their persona stays as it was.');
    expect(page.bodies['/api/persona-revisions/1/reject']).toEqual({ reason: 'Mei never said that' });
  });

  it('shows why a revision someone else already decided was not changed, and reloads the queue', async () => {
    let queue = [pending(1, 'Mei')];
    const page = givenQueue({
      'GET /api/persona-revisions': () => json(200, queue),
      'GET /api/persona-corrections': () => json(200, []),
      'POST /api/persona-revisions/1/approve': () => {
        queue = [];
        return json(409, { detail: 'Revision 1 is no longer pending (it is approved).' });
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve revision 2 for Mei' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no longer pending (it is approved)');
    await screen.findByText('Nothing is waiting for review.');
    expect(page.calls.filter((call) => call === 'GET /api/persona-revisions')).toHaveLength(2);
  });

  it("lists students' correction requests and resolves one with a note", async () => {
    let open = [
      {
        id: 5,
        user_id: 10,
        name: 'Mei',
        key: 'inferred_interests',
        text: 'I hate rocks',
        status: 'open',
        created_at: '2026-12-03T10:00:00Z',
      },
    ];
    const page = givenQueue({
      'GET /api/persona-revisions': () => json(200, []),
      'GET /api/persona-corrections': () => json(200, open),
      'POST /api/persona-corrections/5/resolve': () => {
        open = [];
        return json(200, {});
      },
    });
    const request = await screen.findByRole('article', { name: 'Request from Mei' });
    expect(request.textContent).toContain('about Interests');
    expect(within(request).getByText('I hate rocks').tagName).toBe('BLOCKQUOTE');
    fireEvent.change(within(request).getByLabelText('Note (optional)'), { target: { value: 'Removed rocks' } });
    fireEvent.click(within(request).getByRole('button', { name: "Resolve Mei's request" }));
    await screen.findByText("Resolved Mei's request.");
    await screen.findByText('No open requests.');
    expect(page.bodies['/api/persona-corrections/5/resolve']).toEqual({ note: 'Removed rocks' });
  });
});
