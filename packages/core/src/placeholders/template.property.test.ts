import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_MEMORY_KEYS, ALLOWED_PERSONA_KEYS } from '../structured-output.ts';
import { renderMemorySnippet } from './memory.ts';
import { TEMPLATE_VARIABLE_SCAN } from './patterns.ts';
import { renderPersonaJson, renderPersonaSnippet } from './persona.ts';
import { renderTemplate, renderTemplateWithInjections, type TemplateVariables } from './template.ts';
import { TRUNCATION_MARKER, truncateSnippet } from './truncate.ts';

// a well-formed persona or memory token, bare or keyed
const PERSONA_TOKEN = /\{\{USER_PERSONA(?:__[A-Za-z0-9_]+)?\}\}/;
const MEMORY_TOKEN = /\{\{CONVERSATION_MEMORY(?:__[A-Za-z0-9_]+)?\}\}/;

// a key a token can name: `__` separates keys, so a key neither holds `__` nor ends in `_` ("A_" then
// "persona" would read back as "A", "_persona")
const keyName = fc.oneof(
  fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS),
  fc.stringMatching(/^[A-Za-z0-9]{1,4}(_[A-Za-z0-9]{1,4})?$/),
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

// the Brain's steps pass their own upper-case variables (DECISIONS.md, Brain)
const STEP_VARIABLES = ['INTENT', 'KNOWLEDGE', 'INITIAL_RESPONSE', 'ORIGINAL_QUERY', 'FOLLOW_UP_QUESTIONS'] as const;
const anyToken = fc.oneof(token, fc.constantFrom(...STEP_VARIABLES.map((name) => `{{${name}}}`)));
/** Text made of placeholder syntax: what a student, a persona, a memory or a model's answer may hold. */
const hostileText = fc
  .array(fc.oneof(anyToken, fc.string({ maxLength: 6 }), fc.constantFrom('{', '}', '{{', '}}', '__')), {
    maxLength: 10,
  })
  .map((parts) => parts.join(''));
const hostileData = fc.dictionary(
  fc.constantFrom(...ALLOWED_PERSONA_KEYS, ...ALLOWED_MEMORY_KEYS, '{{QUERY}}'),
  fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })),
);
/** Every variable filled with placeholder syntax. */
const hostileVariables: fc.Arbitrary<TemplateVariables> = fc.record({
  query: hostileText,
  conversationHistory: hostileText,
  persona: hostileData,
  memory: hostileData,
  extra: fc.record(Object.fromEntries(STEP_VARIABLES.map((name) => [name, hostileText]))),
});

describe('placeholder syntax inside what a template is filled with, for any input', () => {
  it('renders a text variable as its value exactly, whatever tokens the value holds', () => {
    fc.assert(
      fc.property(hostileVariables, fc.constantFrom(...STEP_VARIABLES), (vars, step) => {
        expect(renderTemplate('{{QUERY}}', vars)).toBe(vars.query);
        expect(renderTemplate('{{CONVERSATION_HISTORY}}', vars)).toBe(vars.conversationHistory);
        expect(renderTemplate(`{{${step}}}`, vars)).toBe(vars.extra![step]);
      }),
    );
  });

  it('renders a persona or memory token as that snippet alone, whatever tokens the student data holds', () => {
    const keys = fc.option(fc.array(keyName, { minLength: 1, maxLength: 3 }), { nil: null });
    fc.assert(
      fc.property(hostileVariables, keys, maxSnippetLength, (vars, requested, max) => {
        const options = { maxSnippetLength: max };
        const suffix = requested ? `__${requested.join('__')}` : '';
        expect(renderTemplate(`{{USER_PERSONA${suffix}}}`, vars, options)).toBe(
          renderPersonaSnippet(vars.persona, requested, options),
        );
        expect(renderTemplate(`{{CONVERSATION_MEMORY${suffix}}}`, vars, options)).toBe(
          renderMemorySnippet(vars.memory, requested, options),
        );
        expect(renderTemplate('{{USER_PERSONA_JSON}}', vars, options)).toBe(renderPersonaJson(vars.persona, options));
      }),
    );
  });

  it('renders a whole template as its text with each token replaced on its own: nothing inserted is scanned again', () => {
    fc.assert(
      fc.property(templateOf(fc.string({ maxLength: 12 })), hostileVariables, (template, vars) => {
        let expected = '';
        let at = 0;
        for (const match of template.matchAll(new RegExp(TEMPLATE_VARIABLE_SCAN.source, 'g'))) {
          expected += template.slice(at, match.index) + renderTemplate(match[0], vars);
          at = match.index + match[0].length;
        }
        expect(renderTemplate(template, vars)).toBe(expected + template.slice(at));
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

describe('injection positions, for any template and input', () => {
  it('cover exactly the text each placeholder became, and the template text between them is kept', () => {
    fc.assert(
      fc.property(textWithTokens, hostileVariables, (template, vars) => {
        const { text, injections } = renderTemplateWithInjections(template, vars);
        expect(text).toBe(renderTemplate(template, vars));
        let previousEnd = 0;
        for (const injection of injections) {
          expect(injection.start).toBeGreaterThanOrEqual(previousEnd);
          expect(text.slice(injection.start, injection.end)).toBe(renderTemplate(injection.placeholder, vars));
          previousEnd = injection.end;
        }
      }),
    );
  });
});
