import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_MEMORY_KEYS, ALLOWED_PERSONA_KEYS } from '../structured-output.ts';
import { MEMORY_PLACEHOLDER_PATTERN, PERSONA_PLACEHOLDER_PATTERN } from './patterns.ts';

// non-global copies: toMatch with a global pattern would move its lastIndex
const PERSONA_TOKEN = new RegExp(PERSONA_PLACEHOLDER_PATTERN.source);
const MEMORY_TOKEN = new RegExp(MEMORY_PLACEHOLDER_PATTERN.source);

import { renderPersonaSnippet } from './persona.ts';
import { renderTemplate, type TemplateVariables } from './template.ts';
import { TRUNCATION_MARKER, truncateSnippet } from './truncate.ts';

const keyName = fc.oneof(
  fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS),
  fc.stringMatching(/^[A-Za-z0-9]\w{0,8}$/),
);
const keyedToken = (name: string) =>
  fc
    .option(fc.array(keyName, { minLength: 1, maxLength: 4 }), { nil: undefined })
    .map((keys) => (keys === undefined ? `{{${name}}}` : `{{${name}__${keys.join('__')}}}`));
const token = fc.oneof(
  fc.constantFrom('{{QUERY}}', '{{CONVERSATION_HISTORY}}', '{{USER_PERSONA_JSON}}', '{{SOMETHING_ELSE}}'),
  keyedToken('USER_PERSONA'),
  keyedToken('CONVERSATION_MEMORY'),
);
const braceFreeText = fc.string({ maxLength: 20 }).map((text) => text.replace(/[{}]/g, ''));
const templateOf = (text: fc.Arbitrary<string>) =>
  fc.array(fc.oneof(text, token), { maxLength: 12 }).map((parts) => parts.join(''));
const textWithTokens = templateOf(fc.string({ maxLength: 20 }));

const anyData = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS, 'other'), fc.jsonValue()),
  fc.dictionary(fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS), fc.array(textWithTokens)),
) as fc.Arbitrary<Record<string, unknown> | null>;
const braceFreeData = fc.dictionary(
  fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS),
  fc.oneof(braceFreeText, fc.array(braceFreeText), fc.integer(), fc.constant(null)),
);

const variables: fc.Arbitrary<TemplateVariables> = fc.record(
  {
    query: textWithTokens,
    conversationHistory: textWithTokens,
    persona: fc.option(anyData, { nil: undefined }),
    memory: fc.option(anyData, { nil: undefined }),
  },
  { requiredKeys: [] },
);
const maxSnippetLength = fc.option(fc.integer({ min: -5, max: 400 }), { nil: undefined });

describe('renderTemplate, for any input', () => {
  it('never throws on any template, persona or memory', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), textWithTokens), variables, maxSnippetLength, (template, vars, max) => {
        expect(typeof renderTemplate(template, vars, { maxSnippetLength: max })).toBe('string');
      }),
    );
  });

  it('contains the student’s query verbatim wherever the template has {{QUERY}}', () => {
    fc.assert(
      fc.property(textWithTokens, textWithTokens, variables, (before, after, vars) => {
        expect(renderTemplate(`${before}{{QUERY}}${after}`, vars)).toContain(vars.query ?? '');
      }),
    );
  });

  it('inserts text that holds placeholder tokens without scanning it again', () => {
    fc.assert(
      fc.property(textWithTokens, textWithTokens, (query, personaText) => {
        const vars = { query, persona: { persona: personaText } };
        expect(renderTemplate('<{{QUERY}}>', vars)).toBe(`<${query}>`);
        expect(renderTemplate('{{USER_PERSONA__persona}}', vars)).toBe(renderPersonaSnippet(vars.persona, ['persona']));
      }),
    );
  });

  it('leaves no well-formed template variable of the template behind', () => {
    const inserted = fc.record({
      query: braceFreeText,
      conversationHistory: braceFreeText,
      persona: fc.option(braceFreeData, { nil: undefined }),
      memory: fc.option(braceFreeData, { nil: undefined }),
    });
    fc.assert(
      fc.property(templateOf(braceFreeText), inserted, maxSnippetLength, (template, vars, max) => {
        const rendered = renderTemplate(template, vars, { maxSnippetLength: max });
        expect(rendered).not.toMatch(PERSONA_TOKEN);
        expect(rendered).not.toMatch(MEMORY_TOKEN);
        expect(rendered).not.toMatch(/\{\{(QUERY|CONVERSATION_HISTORY|USER_PERSONA_JSON)\}\}/);
      }),
    );
  });

  it('keeps every injected snippet within maxSnippetLength', () => {
    fc.assert(
      fc.property(anyData, fc.integer({ min: 0, max: 300 }), (persona, max) => {
        const rendered = renderTemplate('{{USER_PERSONA}}', { persona }, { maxSnippetLength: max });
        expect(rendered.length).toBeLessThanOrEqual(max);
        const whole = renderTemplate('{{USER_PERSONA}}', { persona });
        if (whole.length > max) expect(rendered).toBe(truncateSnippet(whole, { maxSnippetLength: max }));
      }),
    );
  });
});

describe('truncateSnippet, for any text', () => {
  it('never exceeds the limit and marks every cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 0, max: 300 }), (text, max) => {
        const cut = truncateSnippet(text, { maxSnippetLength: max });
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === text) return;
        if (max >= TRUNCATION_MARKER.length) expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
        else expect(cut).toBe(TRUNCATION_MARKER.slice(0, max));
      }),
    );
  });
});
