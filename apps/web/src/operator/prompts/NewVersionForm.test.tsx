// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../api/client.ts';
import { NewVersionForm } from './NewVersionForm.tsx';

afterEach(cleanup);

function givenBackendAnswering(status: number, body: unknown) {
  const sent: unknown[] = [];
  const client = createApiClient({
    token: () => 'admin',
    baseUrl: 'http://coach.test',
    fetch: async (request) => {
      sent.push(await request.json());
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
}

function renderForm(client: ReturnType<typeof createApiClient>, startText: string) {
  const created: unknown[] = [];
  render(
    <NewVersionForm
      client={client}
      promptName="simplified_conversation"
      startText={startText}
      onCreated={(version) => created.push(version)}
    />,
  );
  return { box: screen.getByLabelText<HTMLTextAreaElement>('Prompt text'), created };
}

describe('<NewVersionForm>', () => {
  it('lints as you type and fixes a misspelt key with one click', () => {
    const { client } = givenBackendAnswering(500, {});
    const { box } = renderForm(client, 'Student: {{QUERY}}');
    expect(screen.getByText('No placeholder problems.')).toBeTruthy();

    fireEvent.change(box, { target: { value: 'About you: {{USER_PERSONA__intrests}}\nStudent: {{QUERY}}' } });
    const problems = screen.getByRole('list', { name: 'Placeholder problems' });
    expect(problems.textContent).toContain('1:12');
    expect(problems.querySelector('mark.lint-token')?.textContent).toBe('{{USER_PERSONA__intrests}}');
    expect(box.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: /^Use \{\{USER_PERSONA__inferred_interests\}\}/ }));
    expect(box.value).toBe('About you: {{USER_PERSONA__inferred_interests}}\nStudent: {{QUERY}}');
    expect(box.selectionStart).toBe('About you: {{USER_PERSONA__inferred_interests}}'.length);
    expect(screen.getByText('No placeholder problems.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Placeholder problems' })).toBeNull();
  });

  it("warns, without refusing, about a chat prompt that never uses the student's message", () => {
    const { client } = givenBackendAnswering(500, {});
    renderForm(client, 'Be kind.');
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('{{QUERY}}');
    expect(screen.getByText('No placeholder problems.')).toBeTruthy();
  });

  it('shows the problems of a save the Backend refused, not a generic error', async () => {
    const refusal = {
      detail: 'The prompt text has a placeholder problem; nothing was saved.',
      problems: [{ line: 1, column: 1, text: 'Be', message: 'The Backend says no.', suggestion: 'Bee' }],
    };
    const { client, sent } = givenBackendAnswering(422, refusal);
    const { created } = renderForm(client, 'Be kind. {{QUERY}}');
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));

    await screen.findByText(refusal.detail);
    expect(screen.getByRole('list', { name: 'Placeholder problems' }).textContent).toContain('The Backend says no.');
    expect(sent).toEqual([{ prompt_text: 'Be kind. {{QUERY}}', is_production: false }]);
    expect(created).toEqual([]);

    // once the text changes, the lint of the new text is what counts
    fireEvent.change(screen.getByLabelText('Prompt text'), { target: { value: 'Be kind! {{QUERY}}' } });
    await waitFor(() => expect(screen.getByText('No placeholder problems.')).toBeTruthy());
  });
});
