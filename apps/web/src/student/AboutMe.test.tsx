// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../test/fakes.ts';
import { createApiClient } from '../api/client.ts';
import { AboutMe } from './AboutMe.tsx';

afterEach(cleanup);

const persona = {
  persona_data: {
    persona: 'A curious student who loves volcanoes.',
    inferred_interests: ['volcanoes', 'space'],
    learning_patterns: ['asks why again and again'],
    personality_traits: [],
    internal_note: 'never shown',
  },
  updated_at: new Date().toISOString(),
};

function renderAboutMe(routes: Parameters<typeof fakeBackend>[0]) {
  const backend = fakeBackend(routes);
  const sent: unknown[] = [];
  const client = createApiClient({
    token: () => 'student',
    baseUrl: 'http://coach.test',
    fetch: async (request) => {
      if (request.method === 'POST') sent.push(await request.clone().json());
      return backend.fetch(request);
    },
  });
  render(<AboutMe client={client} />);
  return { sent };
}

describe('<AboutMe>', () => {
  it('shows the persona in plain words, as lists, with no keys or JSON', async () => {
    renderAboutMe({ 'GET /api/me/persona': () => json(200, persona) });
    await screen.findByRole('heading', { name: 'Things you are into' });
    expect(screen.getByText('A curious student who loves volcanoes.')).toBeTruthy();
    const interests = screen.getByRole('region', { name: 'Things you are into' });
    expect([...interests.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['volcanoes', 'space']);
    expect(screen.getByRole('heading', { name: 'How you like to learn' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'What you are like' })).toBeNull();
    const page = document.body.textContent ?? '';
    for (const hidden of ['inferred_interests', 'never shown', '{', '[']) expect(page).not.toContain(hidden);
  });

  it('says kindly that there is nothing yet when the coach has no picture of the student', async () => {
    renderAboutMe({ 'GET /api/me/persona': () => json(404, { detail: 'No persona' }) });
    await screen.findByText(/Your coach hasn't formed a picture of you yet/);
    expect(screen.queryByRole('button', { name: 'This is not right' })).toBeNull();
  });

  it('sends "this is not right" with the part it is about, and thanks the student', async () => {
    const { sent } = renderAboutMe({
      'GET /api/me/persona': () => json(200, persona),
      'POST /api/me/persona/corrections': () =>
        json(201, { id: 1, status: 'open', key: 'inferred_interests', text: 'x', created_at: '' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'This is not right' }));
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('What is not right?'), { target: { value: '  I do not like space.  ' } });
    fireEvent.change(screen.getByLabelText('Which part? (you can skip this)'), {
      target: { value: 'inferred_interests' },
    });
    fireEvent.click(send);
    await screen.findByText(/Thank you for telling us!/);
    expect(sent).toEqual([{ text: 'I do not like space.', key: 'inferred_interests' }]);
    expect(screen.queryByLabelText('What is not right?')).toBeNull();
  });

  it('leaves the part out when the student skips it', async () => {
    const { sent } = renderAboutMe({
      'GET /api/me/persona': () => json(200, persona),
      'POST /api/me/persona/corrections': () => json(201, { id: 1, status: 'open', key: null, text: 'x' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'This is not right' }));
    fireEvent.change(screen.getByLabelText('What is not right?'), { target: { value: 'All wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sent).toEqual([{ text: 'All wrong' }]));
  });

  it('asks the student to wait a little when they have sent too many', async () => {
    renderAboutMe({
      'GET /api/me/persona': () => json(200, persona),
      'POST /api/me/persona/corrections': () => json(429, { detail: 'Too many requests' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'This is not right' }));
    fireEvent.change(screen.getByLabelText('What is not right?'), { target: { value: 'Wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Please wait a little while/);
    expect((screen.getByLabelText('What is not right?') as HTMLTextAreaElement).value).toBe('Wrong');
  });
});
