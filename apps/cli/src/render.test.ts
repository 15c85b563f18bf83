import type { GenerationJobRecord, PersonaRecord } from '@coach/core';
import { describe, expect, it } from 'vitest';
import { describeJob, renderPersona, wrap } from './render.ts';

const persona = (persona_data: Record<string, unknown>): PersonaRecord => ({
  id: 1,
  user_id: 7,
  persona_data,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-03-04T05:06:07.000Z',
});

describe('renderPersona', () => {
  it('shows the portrait, then each list under its heading, then fields the model added', () => {
    const text = renderPersona(
      persona({
        mood: 'cheerful',
        personality_traits: ['patient'],
        persona: 'Loves asking why the sky changes colour.',
        inferred_interests: ['space', 'volcanoes'],
      }),
      { name: 'Asha-4821', width: 80 },
    );

    expect(text.split('\n')).toEqual([
      'Persona of Asha-4821 (user 7) · updated 2025-03-04 05:06 UTC',
      '',
      '  Loves asking why the sky changes colour.',
      '',
      'Interests:',
      '  • space',
      '  • volcanoes',
      '',
      'Personality traits:',
      '  • patient',
      '',
      'Mood:',
      '  cheerful',
    ]);
  });
});

describe('wrap', () => {
  it('breaks between words and keeps a long word whole', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('a supercalifragilistic word', 10)).toEqual(['a', 'supercalifragilistic', 'word']);
  });
});

describe('describeJob', () => {
  it('says what a persona-for-user job did with each memory and the persona', () => {
    const job: GenerationJobRecord = {
      id: 12,
      type: 'persona-for-user',
      state: 'completed',
      user_id: 7,
      progress: { done: 3, total: 3 },
      attempts: 2,
      params: {},
      result: {
        type: 'persona-for-user',
        user_id: 7,
        memories: {
          counts: { selected: 2, saved: 1, skipped: 0, failed: 1 },
          items: [
            { conversation_id: 3, status: 'saved', updated_at: '2025-03-04T05:06:07.000Z' },
            { conversation_id: 4, status: 'failed', error: 'output did not fit the schema' },
          ],
        },
        persona: { status: 'saved', updated_at: '2025-03-04T05:06:08.000Z' },
      },
      created_at: '2025-03-04T05:06:00.000Z',
      updated_at: '2025-03-04T05:06:08.000Z',
    };

    expect(describeJob(job)).toEqual([
      'Job 12 (persona-for-user, user 7): completed after 2 attempts.',
      'Memories: 1 saved, 0 skipped, 1 failed (of 2 conversations).',
      '  conversation 4: failed — output did not fit the schema',
      'Persona: saved (2025-03-04 05:06 UTC).',
    ]);
  });
});
