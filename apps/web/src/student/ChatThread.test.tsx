// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBackend, json } from '../../test/fakes.ts';
import { createApiClient } from '../api/client.ts';
import { ChatThread } from './ChatThread.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const conversation = { id: 4, title: 'Volcanoes', updated_at: '2026-01-01T00:00:00Z' };
const stamp = '2026-01-01T00:00:00Z';

function renderThread(routes: Parameters<typeof fakeBackend>[0]) {
  const backend = fakeBackend({
    'GET /api/conversations/4/messages': () => json(200, { success: true, messages: [] }),
    ...routes,
  });
  vi.stubGlobal('fetch', backend.fetch);
  const client = createApiClient({ token: () => 'student-token' });
  render(<ChatThread client={client} conversation={conversation} onActivity={() => {}} />);
  return backend;
}

async function send(text: string) {
  fireEvent.change(await screen.findByLabelText('Your message'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('<ChatThread>', () => {
  it('shows the coach thinking until the reply arrives, then the reply', async () => {
    let polls = 0;
    renderThread({
      'POST /api/conversations/4/messages': () =>
        json(200, { success: true, message: { id: 10, content: 'Why?', is_user: true, timestamp: stamp } }),
      'GET /api/messages/10/response': () =>
        ++polls < 2
          ? new Response('null', { status: 202 })
          : json(200, { id: 11, content: 'What do you think?', is_user: false, timestamp: stamp }),
    });
    await send('Why?');
    expect(await screen.findByText('The coach is thinking…')).toBeTruthy();
    expect(await screen.findByText('What do you think?', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.queryByText('The coach is thinking…')).toBeNull();
  });

  it('shows a failed turn with a Retry that sends the message again', async () => {
    const sent: string[] = [];
    let nextId = 10;
    renderThread({
      'POST /api/conversations/4/messages': async (request) => {
        const body = (await request.json()) as { content: string };
        sent.push(body.content);
        return json(200, {
          success: true,
          message: { id: nextId++, content: body.content, is_user: true, timestamp: stamp },
        });
      },
      'GET /api/messages/10/response': () =>
        json(502, { detail: 'The coach could not answer this message (model down).' }),
      'GET /api/messages/11/response': () =>
        json(200, { id: 12, content: 'Here we go again!', is_user: false, timestamp: stamp }),
    });
    await send('Tell me about stars');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Sorry, the coach couldn't answer that message.");
    expect(alert.textContent).toContain('model down');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Here we go again!', {}, { timeout: 3000 })).toBeTruthy();
    expect(sent).toEqual(['Tell me about stars', 'Tell me about stars']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks a reply that asks the student to clarify', async () => {
    renderThread({
      'GET /api/conversations/4/messages': () =>
        json(200, {
          success: true,
          messages: [
            { id: 1, content: 'volcano?', is_user: true, timestamp: stamp },
            {
              id: 2,
              content: 'What would you like to find out about volcano?',
              is_user: false,
              timestamp: stamp,
              needs_clarification: true,
              follow_up_questions: ['What would you like to find out about volcano?'],
              original_query: 'volcano?',
            },
            { id: 3, content: 'Lava!', is_user: true, timestamp: stamp },
            { id: 4, content: 'Lava is molten rock.', is_user: false, timestamp: stamp, needs_clarification: false },
          ],
        }),
    });
    const asked = await screen.findByText(/wants to understand your question better/);
    expect(asked.closest('li')?.textContent).toContain('What would you like to find out about volcano?');
    expect(screen.getAllByText(/wants to understand your question better/)).toHaveLength(1);
  });
});
