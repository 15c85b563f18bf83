import type { GenerationJobRecord, PersonaRecord, PersonaRevisionRecord } from '@coach/core';
import { describe, expect, it } from 'vitest';
import {
  describeJob,
  personaOutcomeText,
  renderPersona,
  renderRevisionForReview,
  revisionHistoryLines,
  wrap,
} from './render.ts';

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

const revision = (fields: Partial<PersonaRevisionRecord>): PersonaRevisionRecord => ({
  id: 40,
  user_id: 7,
  number: 1,
  status: 'approved',
  source: 'generator',
  persona_data: {},
  diff: [],
  evidence: {},
  unsupported_keys: [],
  flagged_keys: [],
  job_id: null,
  created_at: '2025-03-04T05:06:07.000Z',
  decided_at: null,
  decided_by: null,
  reason: null,
  ...fields,
});

describe('persona revisions', () => {
  it('lists the history newest first as given, the current persona marked, changed keys with their kind of change', () => {
    const lines = revisionHistoryLines([
      revision({
        id: 43,
        number: 3,
        status: 'pending',
        diff: [
          { key: 'inferred_interests', change: 'changed', before: ['lava'], after: ['space'] },
          { key: 'mood', change: 'removed', before: 'calm', after: null },
        ],
      }),
      revision({
        id: 42,
        number: 2,
        source: 'operator',
        diff: [{ key: 'persona', change: 'added', before: null, after: 'x' }],
      }),
      revision({ id: 41, number: 1, created_at: '2025-03-01T00:00:00.000Z' }),
    ]);

    expect(lines).toEqual([
      '  #  id  status              source     created               changed keys',
      '  3  43  pending             generator  2025-03-04 05:06 UTC  ~inferred_interests, -mood',
      '  2  42  approved (current)  operator   2025-03-04 05:06 UTC  +persona',
      '  1  41  approved            generator  2025-03-01 00:00 UTC  (no change)',
    ]);
  });

  it('shows a pending revision as a diff with the quotes under each changed key', () => {
    const text = renderRevisionForReview(
      {
        ...revision({
          id: 43,
          number: 3,
          status: 'pending',
          job_id: 12,
          diff: [
            { key: 'inferred_interests', change: 'changed', before: ['lava'], after: ['lava', 'space'] },
            { key: 'learning_patterns', change: 'added', before: null, after: ['Asks why.'] },
            { key: 'mood', change: 'removed', before: 'calm', after: null },
          ],
          evidence: {
            inferred_interests: [{ memory_id: 5, conversation_id: 9, quote: 'Why is space dark?' }],
          },
          unsupported_keys: ['learning_patterns'],
        }),
        name: 'Asha-4821',
      },
      { width: 80 },
    );

    expect(text).toEqual([
      'Revision 3 of Asha-4821 (user 7) · id 43 · pending · generator, job 12 · 2025-03-04 05:06 UTC',
      '  ~ inferred_interests (changed)',
      '      before:   lava',
      '      after:    lava; space',
      '      evidence: "Why is space dark?" (memory 5, conversation 9)',
      '  + learning_patterns (added)',
      '      after:    Asks why.',
      '      evidence: none',
      '  - mood (removed)',
      '      before:   calm',
      '  Without evidence: learning_patterns',
    ]);
  });

  it('names the revision a persona job wrote, and says when it waits for review', () => {
    expect(
      personaOutcomeText({
        status: 'saved',
        updated_at: '2025-03-04T05:06:07.000Z',
        revision: { id: 43, number: 3, status: 'pending' },
      }),
    ).toBe('saved as revision 3 (id 43), waiting for review (2025-03-04 05:06 UTC)');
  });
});
