import { describe, expect, it } from 'vitest';
import { renderTemplate, renderTemplateWithInjections, type TemplateVariables } from './template.ts';
import { TRUNCATION_MARKER } from './truncate.ts';

function givenVariables(overrides: Partial<TemplateVariables> = {}): TemplateVariables {
  return {
    query: 'Why is the sky blue?',
    conversationHistory: 'Student: hi\nCoach: hello',
    persona: { persona: 'Quiet, prefers short answers.', inferred_interests: ['space'] },
    memory: { main_topics: ['light'], action: ['look at a prism'], typical_observation: 'Asks why.' },
    ...overrides,
  };
}

describe('renderTemplate', () => {
  it('fills every kind of template variable', () => {
    const template = [
      'History: {{CONVERSATION_HISTORY}}',
      'Student: {{QUERY}}',
      'Persona: {{USER_PERSONA__persona}}',
      'Raw: {{USER_PERSONA_JSON}}',
      'Memory: {{CONVERSATION_MEMORY__main_topics}}',
    ].join('\n');
    expect(renderTemplate(template, givenVariables())).toBe(
      [
        'History: Student: hi\nCoach: hello',
        'Student: Why is the sky blue?',
        'Persona: These are some details about the user. `persona` is "Quiet, prefers short answers."',
        'Raw: {"persona":"Quiet, prefers short answers.","inferred_interests":["space"]}',
        'Memory: These are some details of the conversation till now. `main_topics` is "light"',
      ].join('\n'),
    );
  });

  it('fills a token each time it appears', () => {
    expect(renderTemplate('{{QUERY}} and again {{QUERY}}', { query: 'Q' })).toBe('Q and again Q');
  });

  it('leaves a student’s placeholder tokens literal: inserted text is never scanned again', () => {
    const query = 'Tell me {{USER_PERSONA}} and {{CONVERSATION_MEMORY__action}} and {{QUERY}}';
    expect(renderTemplate('Student says: {{QUERY}}', givenVariables({ query }))).toBe(`Student says: ${query}`);
  });

  it('leaves placeholder tokens inside a persona value literal', () => {
    const persona = { persona: 'Wrote {{CONVERSATION_MEMORY}} in a message' };
    expect(
      renderTemplate('{{USER_PERSONA__persona}} / {{CONVERSATION_MEMORY__action}}', givenVariables({ persona })),
    ).toBe(
      'These are some details about the user. `persona` is "Wrote {{CONVERSATION_MEMORY}} in a message" / ' +
        'These are some details of the conversation till now. `action` is "look at a prism"',
    );
  });

  it('leaves unknown and malformed tokens untouched', () => {
    const template = '{{SOMETHING_ELSE}} {{QUERY__x}} {{USER_PERSONA__}} {{CONVERSATION_MEMORY__bad-key}} {{ QUERY }}';
    expect(renderTemplate(template, givenVariables())).toBe(template);
  });

  it('renders a missing query and history as empty text, and missing persona and memory as their fallbacks', () => {
    const template =
      '[{{QUERY}}][{{CONVERSATION_HISTORY}}][{{USER_PERSONA}}][{{USER_PERSONA_JSON}}][{{CONVERSATION_MEMORY}}]';
    expect(renderTemplate(template, {})).toBe(
      '[][][User persona not available.][User persona not available.][Conversation memory not available.]',
    );
    expect(renderTemplate(template, { persona: null, memory: null })).toBe(renderTemplate(template, {}));
  });

  it('inserts the query literally even when it looks like a replacement pattern', () => {
    expect(renderTemplate('<{{QUERY}}>', { query: "$& $1 $$ $` $'" })).toBe("<$& $1 $$ $` $'>");
  });

  it('cuts long persona and memory snippets but never the student’s own words', () => {
    const rendered = renderTemplate(
      '{{QUERY}}|{{USER_PERSONA}}|{{CONVERSATION_MEMORY}}',
      givenVariables({ query: 'q'.repeat(300), persona: { persona: 'p'.repeat(300) } }),
      { maxSnippetLength: 80 },
    );
    const [query, persona, memory] = rendered.split('|');
    expect(query).toBe('q'.repeat(300));
    expect(persona).toHaveLength(80);
    expect(persona?.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(memory).toHaveLength(80);
  });

  it('returns a template without placeholders unchanged', () => {
    const template = 'You are a patient coach. {not a placeholder} }}{{';
    expect(renderTemplate(template, givenVariables())).toBe(template);
  });
});

describe('step variables', () => {
  it('fills a step variable given in extra, once, without rendering its text again', () => {
    const text = renderTemplate('Intent: {{INTENT}} / {{QUERY}} / {{INTENT}}', {
      query: 'volcanoes',
      extra: { INTENT: 'learn about {{QUERY}}' },
    });
    expect(text).toBe('Intent: learn about {{QUERY}} / volcanoes / learn about {{QUERY}}');
  });

  it('leaves an upper-case token that no variable fills as written', () => {
    expect(renderTemplate('{{KNOWLEDGE}} and {{toString}} and {{constructor}}', { extra: {} })).toBe(
      '{{KNOWLEDGE}} and {{toString}} and {{constructor}}',
    );
  });
});

describe('where each placeholder landed', () => {
  it('reports every replaced token with the range its text occupies in the result', () => {
    const { text, injections } = renderTemplateWithInjections(
      'Q: {{QUERY}}\n{{USER_PERSONA__persona}} {{UNFILLED}} {{QUERY}}',
      { query: 'why is the sky blue?', persona: { persona: 'curious' } },
    );
    expect(text).toBe(
      renderTemplate('Q: {{QUERY}}\n{{USER_PERSONA__persona}} {{UNFILLED}} {{QUERY}}', {
        query: 'why is the sky blue?',
        persona: { persona: 'curious' },
      }),
    );
    expect(injections.map(({ placeholder, start, end }) => [placeholder, text.slice(start, end)])).toEqual([
      ['{{QUERY}}', 'why is the sky blue?'],
      ['{{USER_PERSONA__persona}}', 'These are some details about the user. `persona` is "curious"'],
      ['{{QUERY}}', 'why is the sky blue?'],
    ]);
  });

  it('reports nothing for a template without placeholders', () => {
    expect(renderTemplateWithInjections('plain', {})).toEqual({ text: 'plain', injections: [] });
  });
});
