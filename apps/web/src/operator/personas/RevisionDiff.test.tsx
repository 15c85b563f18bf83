// @vitest-environment jsdom
import type { PersonaRevisionRecord } from '@coach/core';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client.ts';
import { RevisionDiff, RevisionWarnings } from './RevisionDiff.tsx';

afterEach(cleanup);

function givenRevision(overrides: Partial<PersonaRevisionRecord> = {}): PersonaRevisionRecord {
  return {
    id: 31,
    user_id: 7,
    number: 3,
    status: 'pending',
    source: 'generator',
    persona_data: {},
    diff: [
      { key: 'persona', change: 'changed', before: 'Likes rocks.', after: 'Loves volcanoes and lava.' },
      { key: 'inferred_interests', change: 'changed', before: ['rocks', 'space'], after: ['rocks', 'volcanoes'] },
      { key: 'learning_patterns', change: 'added', before: null, after: ['asks why'] },
      { key: 'personality_traits', change: 'removed', before: ['shy'], after: null },
    ],
    evidence: {
      inferred_interests: [{ memory_id: 12, conversation_id: 5, quote: 'I love volcanoes' }],
    },
    unsupported_keys: ['learning_patterns'],
    flagged_keys: [],
    job_id: 4,
    created_at: '2026-12-03T10:00:00Z',
    decided_at: null,
    decided_by: null,
    reason: null,
    ...overrides,
  };
}

const memory: Schemas['MemoryRecord'] = {
  id: 12,
  conversation_id: 5,
  memory_data: { main_topics: ['volcanoes'], action: [], typical_observation: 'Said: I LOVE volcanoes, really.' },
  created_at: '2026-12-03T09:00:00Z',
  updated_at: '2026-12-03T09:00:00Z',
};

function rowOf(key: string) {
  return document.querySelector<HTMLElement>(`tbody[data-key="${key}"]`)!;
}

describe('<RevisionDiff>', () => {
  it('puts before and after side by side, marking what came and went', () => {
    render(<RevisionDiff revision={givenRevision()} />);
    const interests = rowOf('inferred_interests');
    const [before, after] = within(interests).getAllByRole('cell');
    expect(before!.querySelector('del')?.textContent).toBe('removed: space');
    expect(after!.querySelector('ins')?.textContent).toBe('added: volcanoes');
    expect(within(before!).getByText('rocks').tagName).toBe('LI');

    expect(within(rowOf('learning_patterns')).getByText('new')).toBeTruthy();
    expect(within(rowOf('learning_patterns')).getAllByRole('cell')[0]!.textContent).toBe('(nothing)');
    expect(within(rowOf('personality_traits')).getByText('removed', { selector: '.badge' })).toBeTruthy();
    const [sentenceBefore, sentenceAfter] = within(rowOf('persona')).getAllByRole('cell');
    expect(sentenceBefore!.querySelector('p.diff-text del')?.textContent).toBe('removed: Likes rocks.');
    expect(sentenceAfter!.querySelector('p.diff-text ins')?.textContent).toBe('added: Loves volcanoes and lava.');
    expect(within(rowOf('persona')).getByRole('rowheader').textContent).toContain('Persona sentence');
  });

  it('shows the evidence under each key: the quote marked, the memory on demand, a link to the conversation', async () => {
    const asked: number[] = [];
    render(
      <RevisionDiff
        revision={givenRevision()}
        loadMemory={async (id) => {
          asked.push(id);
          return memory;
        }}
      />,
    );
    const interests = rowOf('inferred_interests');
    expect(interests.querySelector('q mark')?.textContent).toBe('I love volcanoes');
    expect(within(interests).getByRole('link', { name: 'Open conversation 5' }).getAttribute('href')).toBe(
      '/operator/students/7#conversation-5',
    );
    expect(asked).toEqual([]);

    const details = interests.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(details.querySelector('.memory mark')?.textContent).toBe('I LOVE volcanoes'));
    expect(asked).toEqual([5]);

    expect(within(rowOf('learning_patterns')).getByText(/No evidence: nothing the student said/)).toBeTruthy();
    expect(within(rowOf('learning_patterns')).getByText('no evidence', { selector: '.badge' })).toBeTruthy();
    expect(rowOf('personality_traits').querySelector('.evidence-row')).toBeNull();
  });

  it('leaves the evidence out when asked for the short form', () => {
    render(<RevisionDiff revision={givenRevision()} />);
    expect(document.querySelector('.evidence-row')).toBeNull();
  });

  it('says when nothing changed', () => {
    render(<RevisionDiff revision={givenRevision({ diff: [] })} />);
    expect(screen.getByText('No changes from the persona that was current.')).toBeTruthy();
  });
});

describe('<RevisionWarnings>', () => {
  it('calls out values that read like instructions and keys without evidence', () => {
    render(
      <RevisionWarnings
        revision={givenRevision({ flagged_keys: ['persona'], unsupported_keys: ['learning_patterns', 'x'] })}
      />,
    );
    expect(screen.getByText(/Persona sentence reads like an instruction to the coach/)).toBeTruthy();
    expect(screen.getByText(/for Learning patterns, x: nothing the student said/)).toBeTruthy();
  });

  it('shows nothing for a clean revision', () => {
    const { container } = render(<RevisionWarnings revision={givenRevision({ unsupported_keys: [] })} />);
    expect(container.textContent).toBe('');
  });
});
