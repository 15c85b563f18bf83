import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestedKeys, TEMPLATE_VARIABLE_SCAN } from './patterns.ts';

// The nested form of the key part, kept only to prove ours matches the same tokens with the same capture.
const NESTED_PERSONA_PATTERN = /\{\{USER_PERSONA(?:__([A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)*))?\}\}/g;

/** The persona or memory tokens the grammar finds, each with the keys it names (null: all keys). */
function keyedTokens(template: string, variable: 'USER_PERSONA' | 'CONVERSATION_MEMORY') {
  return [...template.matchAll(TEMPLATE_VARIABLE_SCAN)]
    .filter((match) => match[2] === variable)
    .map((match) => ({ token: match[0], keys: parseRequestedKeys(match[3]) }));
}

describe('the template grammar, for persona tokens', () => {
  it('finds the bare token, meaning every allowed key', () => {
    expect(keyedTokens('About you: {{USER_PERSONA}}.', 'USER_PERSONA')).toEqual([
      { token: '{{USER_PERSONA}}', keys: null },
    ]);
  });

  it('splits the keys of a keyed token on double underscores', () => {
    expect(keyedTokens('{{USER_PERSONA__persona__learning_patterns}}', 'USER_PERSONA')).toEqual([
      { token: '{{USER_PERSONA__persona__learning_patterns}}', keys: ['persona', 'learning_patterns'] },
    ]);
  });

  it('keeps keys that are not allowed: deciding what to render is not the parser’s job', () => {
    expect(keyedTokens('{{USER_PERSONA__persona__bogus}}', 'USER_PERSONA')[0]?.keys).toEqual(['persona', 'bogus']);
  });

  it.each([
    '{{USER_PERSONA__}}',
    '{{USER_PERSONA__bad-key}}',
    '{{USER_PERSONA__persona }}',
    '{{ USER_PERSONA }}',
    '{{user_persona}}',
    '{USER_PERSONA}',
    '{{USER_PERSONA',
    '{{USER_PERSONA_JSON}}',
    '{{USER_PERSONAS}}',
  ])('does not take the malformed or foreign token %s for a persona token', (template) => {
    expect(keyedTokens(template, 'USER_PERSONA')).toEqual([]);
  });

  it('drops the empty key left by a trailing double underscore', () => {
    expect(keyedTokens('{{USER_PERSONA__persona__}}', 'USER_PERSONA')[0]?.keys).toEqual(['persona']);
  });

  it('scans a long unclosed run of underscores without backtracking exponentially', () => {
    const template = `{{USER_PERSONA__a${'_'.repeat(50_000)}!`;
    expect(keyedTokens(template, 'USER_PERSONA')).toEqual([]);
  });

  it('matches exactly what the nested form of the key part matches, with the same capture', () => {
    const fragments = ['{{', '}}', '{', '}', '_', '__', 'USER_PERSONA', 'persona', 'a', '9', '-', ' ', 'JSON'];
    const templates = fc.array(fc.constantFrom(...fragments), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(templates, (template) => {
        const ours = [...template.matchAll(TEMPLATE_VARIABLE_SCAN)]
          .filter((m) => m[2] === 'USER_PERSONA')
          .map((m) => [m.index, m[0], m[3]]);
        const nested = [...template.matchAll(NESTED_PERSONA_PATTERN)].map((m) => [m.index, m[0], m[1]]);
        expect(ours).toEqual(nested);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the template grammar, for memory tokens', () => {
  it('finds bare and keyed memory tokens and tells them from persona tokens', () => {
    const template = '{{CONVERSATION_MEMORY}} {{USER_PERSONA}} {{CONVERSATION_MEMORY__main_topics__action}}';
    expect(keyedTokens(template, 'CONVERSATION_MEMORY')).toEqual([
      { token: '{{CONVERSATION_MEMORY}}', keys: null },
      { token: '{{CONVERSATION_MEMORY__main_topics__action}}', keys: ['main_topics', 'action'] },
    ]);
  });

  it.each(['{{CONVERSATION_MEMORY__}}', '{{CONVERSATION_MEMORY__main-topics}}', '{{CONVERSATION_MEMORY_}}'])(
    'does not take the malformed token %s for a memory token',
    (template) => {
      expect(keyedTokens(template, 'CONVERSATION_MEMORY')).toEqual([]);
    },
  );
});
