// @vitest-environment jsdom
import type { PersonaRevisionRecord } from '@coach/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient } from '../../api/client.ts';
import { PersonaHistory } from './PersonaHistory.tsx';

afterEach(cleanup);
beforeAll(() => {
  // jsdom has no modal dialogs
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});

function revision(number: number, overrides: Partial<PersonaRevisionRecord>): PersonaRevisionRecord {
  return {
    id: 100 + number,
    user_id: 7,
    number,
    status: 'approved',
    source: 'generator',
    persona_data: {},
    diff: [{ key: 'inferred_interests', change: 'added', before: null, after: [`interest ${number}`] }],
    evidence: {},
    unsupported_keys: [],
    flagged_keys: [],
    job_id: null,
    created_at: `2026-12-0${number}T10:00:00Z`,
    decided_at: `2026-12-0${number}T10:00:00Z`,
    decided_by: null,
    reason: null,
    ...overrides,
  };
}

describe('<PersonaHistory>', () => {
  it('lists revisions newest first with status, source and reason, the current one marked', async () => {
    const revisions = [
      revision(4, { status: 'pending', decided_at: null }),
      revision(3, { status: 'rejected', reason: 'Not what she said' }),
      revision(2, { source: 'operator' }),
      revision(1, { status: 'superseded' }),
    ];
    const backend = fakeBackend({ 'GET /api/users/7/persona/revisions': () => json(200, revisions) });
    const client = createApiClient({ token: () => 'admin', baseUrl: 'http://coach.test', fetch: backend.fetch });
    render(
      <PersonaHistory client={client} studentId={7} studentName="Mei" reloadSignal={1} onRestored={async () => {}} />,
    );

    const four = await screen.findByRole('article', { name: /Revision 4/ });
    expect(within(four).getByText('pending')).toBeTruthy();
    expect(within(four).queryByRole('button', { name: /Restore/ })).toBeNull();
    expect(within(four).getByRole('link', { name: 'Review' })).toBeTruthy();

    const three = screen.getByRole('article', { name: /Revision 3/ });
    expect(three.textContent).toContain('Reason: Not what she said');
    expect(within(three).getByRole('button', { name: 'Restore revision 3' })).toBeTruthy();

    const two = screen.getByRole('article', { name: /Revision 2/ });
    expect(within(two).getByText('current')).toBeTruthy();
    expect(two.textContent).toContain('Set by an operator');
    expect(within(two).queryByRole('button', { name: /Restore/ })).toBeNull();
  });

  it('restores an older revision after the operator confirms, and shows the new one', async () => {
    let revisions = [revision(2, {}), revision(1, {})];
    const backend = fakeBackend({
      'GET /api/users/7/persona/revisions': () => json(200, revisions),
      'POST /api/persona-revisions/101/restore': () => {
        const made = revision(3, { source: 'restore' });
        revisions = [made, ...revisions];
        return json(201, made);
      },
    });
    const client = createApiClient({ token: () => 'admin', baseUrl: 'http://coach.test', fetch: backend.fetch });
    let restored = 0;
    const { rerender } = render(
      <PersonaHistory
        client={client}
        studentId={7}
        studentName="Mei"
        reloadSignal={1}
        onRestored={async () => {
          restored++;
        }}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Restore revision 1' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Restore revision 1?' });
    expect(dialog.textContent).toContain("Mei's persona goes back to what revision 1 says");
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(backend.calls).not.toContain('POST /api/persona-revisions/101/restore');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore revision 1' }));
    await screen.findByText('Restored revision 1 as revision 3. The coach uses it from now on.');
    expect(restored).toBe(1);
    rerender(
      <PersonaHistory client={client} studentId={7} studentName="Mei" reloadSignal={2} onRestored={async () => {}} />,
    );
    const three = await screen.findByRole('article', { name: /Revision 3/ });
    expect(within(three).getByText('current')).toBeTruthy();
    expect(three.textContent).toContain('Restored by an operator');
  });
});
