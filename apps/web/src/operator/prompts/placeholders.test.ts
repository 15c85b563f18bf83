import { describe, expect, it } from 'vitest';
import { insertPlaceholder, PLACEHOLDER_GROUPS } from './placeholders.ts';

const tokens = PLACEHOLDER_GROUPS.flatMap((group) => group.placeholders.map((p) => p.token));

describe('the placeholder picker', () => {
  it('offers the persona and memory placeholders of the Brain’s allowlists and the turn variables', () => {
    expect(tokens).toEqual([
      '{{USER_PERSONA}}',
      '{{USER_PERSONA__persona}}',
      '{{USER_PERSONA__inferred_interests}}',
      '{{USER_PERSONA__learning_patterns}}',
      '{{USER_PERSONA__personality_traits}}',
      '{{CONVERSATION_MEMORY}}',
      '{{CONVERSATION_MEMORY__main_topics}}',
      '{{CONVERSATION_MEMORY__action}}',
      '{{CONVERSATION_MEMORY__typical_observation}}',
      '{{QUERY}}',
      '{{CONVERSATION_HISTORY}}',
    ]);
  });

  it('inserts at the caret and puts the caret after the placeholder', () => {
    const edit = insertPlaceholder('About the student: \nReply.', 19, 19, '{{USER_PERSONA__persona}}');
    expect(edit.text).toBe('About the student: {{USER_PERSONA__persona}}\nReply.');
    expect(edit.caret).toBe(19 + '{{USER_PERSONA__persona}}'.length);
  });

  it('replaces the selected text', () => {
    expect(insertPlaceholder('Answer QUESTION now', 7, 15, '{{QUERY}}').text).toBe('Answer {{QUERY}} now');
  });

  it('keeps a caret outside the text inside it', () => {
    expect(insertPlaceholder('abc', 10, 12, '{{QUERY}}')).toEqual({ text: 'abc{{QUERY}}', caret: 12 });
  });
});
