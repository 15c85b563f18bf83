import { describe, expect, it } from 'vitest';
import { PERSONA_FALLBACK, renderPersonaJson, renderPersonaSnippet } from './persona.ts';
import { TRUNCATION_MARKER } from './truncate.ts';

function givenPersona(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    persona: 'Curious about "space" and insects; learns by analogy.',
    inferred_interests: ['space', 'ants', 'volcanoes'],
    learning_patterns: ['asks why repeatedly'],
    personality_traits: ['playful', 'persistent'],
    ...overrides,
  };
}

describe('renderPersonaSnippet', () => {
  it('renders every allowed key in allowlist order when no keys are named, lists joined, quotes escaped', () => {
    expect(renderPersonaSnippet(givenPersona(), null)).toBe(
      'These are some details about the user. ' +
        '`persona` is "Curious about \\"space\\" and insects; learns by analogy.", ' +
        '`inferred_interests` is "space, ants, volcanoes", ' +
        '`learning_patterns` is "asks why repeatedly", ' +
        '`personality_traits` is "playful, persistent"',
    );
  });

  it('renders only the requested keys, in the order the template names them, each once', () => {
    expect(renderPersonaSnippet(givenPersona(), ['personality_traits', 'persona', 'personality_traits'])).toBe(
      'These are some details about the user. `personality_traits` is "playful, persistent", ' +
        '`persona` is "Curious about \\"space\\" and insects; learns by analogy."',
    );
  });

  it('omits keys outside the allowlist silently and renders the valid ones', () => {
    expect(renderPersonaSnippet(givenPersona({ secret: 'x' }), ['secret', 'learning_patterns', 'bogus'])).toBe(
      'These are some details about the user. `learning_patterns` is "asks why repeatedly"',
    );
  });

  it('falls back when no requested key is allowed', () => {
    expect(renderPersonaSnippet(givenPersona(), ['bogus', 'toString'])).toBe(PERSONA_FALLBACK);
    expect(renderPersonaSnippet(givenPersona(), [])).toBe(PERSONA_FALLBACK);
  });

  it('renders an allowed key the persona lacks, or holds null or empty, as "[Not available]"', () => {
    expect(renderPersonaSnippet({ persona: 'Quiet.', learning_patterns: null, personality_traits: [] }, null)).toBe(
      'These are some details about the user. `persona` is "Quiet.", `inferred_interests` is "[Not available]", ' +
        '`learning_patterns` is "[Not available]", `personality_traits` is "[Not available]"',
    );
  });

  it('does not read keys a persona only inherits', () => {
    const inherited = Object.create({ persona: 'from the prototype' }) as Record<string, unknown>;
    expect(renderPersonaSnippet(inherited, ['persona'])).toBe(
      'These are some details about the user. `persona` is "[Not available]"',
    );
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('renders the fallback for a %s persona', (_name, persona) => {
    expect(renderPersonaSnippet(persona, null)).toBe('User persona not available.');
    expect(renderPersonaSnippet(persona, ['persona'])).toBe('User persona not available.');
  });

  it('renders the fallback for a persona that is not a JSON object', () => {
    expect(renderPersonaSnippet(['persona'] as unknown as Record<string, unknown>, null)).toBe(PERSONA_FALLBACK);
  });

  it('cuts a snippet longer than maxSnippetLength and marks the cut', () => {
    const snippet = renderPersonaSnippet(givenPersona({ persona: 'x'.repeat(5_000) }), null, { maxSnippetLength: 200 });
    expect(snippet).toHaveLength(200);
    expect(snippet.startsWith('These are some details about the user. `persona` is "xxx')).toBe(true);
    expect(snippet.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});

describe('renderPersonaJson', () => {
  it('renders the raw persona as compact JSON', () => {
    expect(renderPersonaJson({ persona: 'Says "hi"', inferred_interests: ['ants'] })).toBe(
      '{"persona":"Says \\"hi\\"","inferred_interests":["ants"]}',
    );
  });

  it('renders the fallback when there is no persona or it cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(renderPersonaJson(null)).toBe(PERSONA_FALLBACK);
    expect(renderPersonaJson(cyclic)).toBe(PERSONA_FALLBACK);
  });

  it('is cut like a snippet', () => {
    const json = renderPersonaJson({ persona: 'y'.repeat(500) }, { maxSnippetLength: 40 });
    expect(json).toHaveLength(40);
    expect(json.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});
