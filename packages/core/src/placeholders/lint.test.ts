import { describe, expect, it } from 'vitest';
import { lintTemplate } from './lint.ts';
import { editDistance, nearestName } from './nearest.ts';

const problemsOf = (template: string) => lintTemplate(template).problems;

describe('lintTemplate, problems', () => {
  it('passes a template of valid placeholders, step variables and JSON examples', () => {
    const template = 'Hi {{QUERY}}\n{{USER_PERSONA__persona__learning_patterns}} {{INTENT}}\nAnswer {"a": {"b": true}}';
    expect(lintTemplate(template)).toEqual({ problems: [], warnings: [] });
  });

  it('suggests the allowed key closest to a misspelt one, matching a word of the key', () => {
    expect(problemsOf('About you:\n  {{USER_PERSONA__intrests}}')).toEqual([
      {
        line: 2,
        column: 3,
        text: '{{USER_PERSONA__intrests}}',
        message: expect.stringContaining("no key 'intrests'"),
        suggestion: '{{USER_PERSONA__inferred_interests}}',
      },
    ]);
  });

  it('suggests the placeholder closest to a misspelt name, keeping the keys', () => {
    expect(problemsOf('{{USER_PERSNA__persona}}')[0]?.suggestion).toBe('{{USER_PERSONA__persona}}');
    expect(problemsOf('{{USER_PERSNA}}')[0]).toMatchObject({ message: 'USER_PERSNA is not a placeholder.' });
  });

  it('gives no suggestion when nothing valid is close', () => {
    const [problem] = problemsOf('{{CONVERSATION_MEMORY__nope}}');
    expect(problem?.message).toContain('main_topics, action, typical_observation');
    expect(problem).not.toHaveProperty('suggestion');
  });

  it.each([
    ['{{USER_PERSONA}', '{{USER_PERSONA}}'],
    ['{USER_PERSONA}}', '{{USER_PERSONA}}'],
    ['{USER_PERSONA}', '{{USER_PERSONA}}'],
    ['{{{QUERY}}}', '{{QUERY}}'],
    ['{{ USER_PERSONA }}', '{{USER_PERSONA}}'],
    ['{{user_persona}}', '{{USER_PERSONA}}'],
    ['{{USER_PERSONA_persona}}', '{{USER_PERSONA__persona}}'],
    ['{{USER_PERSONA__persona__}}', '{{USER_PERSONA__persona}}'],
  ])('catches the malformed %s and suggests %s', (template, suggestion) => {
    expect(problemsOf(template)).toEqual([expect.objectContaining({ text: template, suggestion })]);
  });

  it('catches an opening without its closing, up to the end of the word', () => {
    expect(problemsOf('Use {{QUERY\nthen')).toEqual([
      expect.objectContaining({ line: 1, column: 5, text: '{{QUERY', suggestion: '{{QUERY}}' }),
    ]);
  });

  it('catches an upper-case name nothing fills', () => {
    expect(problemsOf('{{SOMETHING_ELSE}}')).toHaveLength(1);
  });

  it('leaves single-braced ordinary words alone', () => {
    expect(problemsOf('Write {name} or {"reply": "x"} or {}')).toEqual([]);
  });
});

describe('lintTemplate, warnings by the prompt it is for', () => {
  it('warns about a chat prompt without {{QUERY}}', () => {
    expect(lintTemplate('{{USER_PERSONA}}', 'simplified_conversation').warnings).toEqual([
      { message: expect.stringContaining("without {{QUERY}}: the model would never see the student's message") },
    ]);
  });

  it('warns about the placeholders memory generation does not fill, where they are', () => {
    const { problems, warnings } = lintTemplate(
      '{{CONVERSATION_HISTORY}}\n{{QUERY}} {{USER_PERSONA}}',
      'memory_generation',
    );
    expect(problems).toEqual([]);
    expect(warnings.map(({ line, column, text }) => ({ line, column, text }))).toEqual([
      { line: 2, column: 1, text: '{{QUERY}}' },
      { line: 2, column: 11, text: '{{USER_PERSONA}}' },
    ]);
  });

  it('warns about a step variable its step does not fill', () => {
    expect(lintTemplate('{{QUERY}} {{KNOWLEDGE}}', 'intent_gathering').warnings).toEqual([
      expect.objectContaining({ text: '{{KNOWLEDGE}}', message: expect.stringContaining('stays in the prompt') }),
    ]);
  });

  it('has no purpose, so no warnings, for a prompt the Brain does not use', () => {
    expect(lintTemplate('{{INTENT}}', 'my_own_prompt').warnings).toEqual([]);
  });
});

describe('the nearest valid name', () => {
  it('counts one insertion, deletion or replacement as one', () => {
    expect(editDistance('intrests', 'interests')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers a whole name to one of its words, and gives up past a third of the length', () => {
    expect(nearestName('action', ['main_topics', 'action'])).toBe('action');
    expect(nearestName('zzzzzz', ['main_topics', 'action'])).toBeUndefined();
  });
});
