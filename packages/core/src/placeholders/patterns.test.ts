import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMemoryPlaceholders } from './memory.ts';
import { MEMORY_PLACEHOLDER_PATTERN, PERSONA_PLACEHOLDER_PATTERN } from './patterns.ts';
import { extractPersonaPlaceholders } from './persona.ts';

// The regex as the design document writes it, kept only to prove ours matches the same tokens.
const DESIGN_DOCUMENT_PATTERN = /\{\{USER_PERSONA(?:__([A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)*))?\}\}/g;

describe('extractPersonaPlaceholders', () => {
  it('finds the bare token, meaning every allowed key', () => {
    expect(extractPersonaPlaceholders('About you: {{USER_PERSONA}}.')).toEqual([
      { token: '{{USER_PERSONA}}', keys: null },
    ]);
  });

  it('splits the keys of a keyed token on double underscores', () => {
    expect(extractPersonaPlaceholders('{{USER_PERSONA__persona__learning_patterns}}')).toEqual([
      { token: '{{USER_PERSONA__persona__learning_patterns}}', keys: ['persona', 'learning_patterns'] },
    ]);
  });

  it('keeps keys that are not allowed: deciding what to render is not the parser’s job', () => {
    expect(extractPersonaPlaceholders('{{USER_PERSONA__persona__bogus}}')[0]?.keys).toEqual(['persona', 'bogus']);
  });

  it('lists each distinct token once, in order of first appearance', () => {
    const template = '{{USER_PERSONA__persona}} {{USER_PERSONA}} {{USER_PERSONA__persona}}';
    expect(extractPersonaPlaceholders(template).map((p) => p.token)).toEqual([
      '{{USER_PERSONA__persona}}',
      '{{USER_PERSONA}}',
    ]);
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
  ])('does not match the malformed or foreign token %s', (template) => {
    expect(extractPersonaPlaceholders(template)).toEqual([]);
  });

  it('drops the empty key left by a trailing double underscore', () => {
    expect(extractPersonaPlaceholders('{{USER_PERSONA__persona__}}')[0]?.keys).toEqual(['persona']);
  });

  it('is not thrown off when a caller has moved the exported pattern’s lastIndex', () => {
    PERSONA_PLACEHOLDER_PATTERN.exec('xx {{USER_PERSONA}} {{USER_PERSONA__persona}}');
    expect(extractPersonaPlaceholders('{{USER_PERSONA}}')).toHaveLength(1);
    PERSONA_PLACEHOLDER_PATTERN.lastIndex = 0;
  });

  it('scans a long unclosed run of underscores without backtracking exponentially', () => {
    const template = `{{USER_PERSONA__a${'_'.repeat(50_000)}!`;
    expect(extractPersonaPlaceholders(template)).toEqual([]);
  });
});

describe('extractMemoryPlaceholders', () => {
  it('finds bare and keyed memory tokens and ignores persona tokens', () => {
    const template = '{{CONVERSATION_MEMORY}} {{USER_PERSONA}} {{CONVERSATION_MEMORY__main_topics__action}}';
    expect(extractMemoryPlaceholders(template)).toEqual([
      { token: '{{CONVERSATION_MEMORY}}', keys: null },
      { token: '{{CONVERSATION_MEMORY__main_topics__action}}', keys: ['main_topics', 'action'] },
    ]);
  });

  it.each(['{{CONVERSATION_MEMORY__}}', '{{CONVERSATION_MEMORY__main-topics}}', '{{CONVERSATION_MEMORY_}}'])(
    'does not match the malformed token %s',
    (template) => {
      expect(extractMemoryPlaceholders(template)).toEqual([]);
    },
  );
});

describe('the placeholder patterns', () => {
  it('are global, for scanning', () => {
    expect(PERSONA_PLACEHOLDER_PATTERN.flags).toContain('g');
    expect(MEMORY_PLACEHOLDER_PATTERN.flags).toContain('g');
  });

  it('match exactly what the design document’s regex matches, with the same capture', () => {
    const fragments = ['{{', '}}', '{', '}', '_', '__', 'USER_PERSONA', 'persona', 'a', '9', '-', ' ', 'JSON'];
    const templates = fc.array(fc.constantFrom(...fragments), { maxLength: 10 }).map((parts) => parts.join(''));
    const matches = (pattern: RegExp, template: string) =>
      [...template.matchAll(pattern)].map((m) => [m.index, m[0], m[1]]);
    fc.assert(
      fc.property(templates, (template) => {
        expect(matches(PERSONA_PLACEHOLDER_PATTERN, template)).toEqual(matches(DESIGN_DOCUMENT_PATTERN, template));
      }),
      { numRuns: 2_000 },
    );
  });
});
