import { describe, expect, it } from 'vitest';
import { clarificationOf } from './clarification.ts';
import { titleFromFirstMessage } from './conversation-title.ts';

describe('a reply that asks the student to clarify', () => {
  it('is recognised from the simplified step’s result', () => {
    const steps = [
      {
        name: 'simplified_conversation',
        result: { needs_clarification: true, follow_up_questions: ['Which volcano do you mean?'], response: 'Hmm!' },
      },
    ];
    expect(clarificationOf(steps)).toEqual({ questions: ['Which volcano do you mean?'] });
  });

  it('is recognised when the full pipeline stopped at the intent step to ask back', () => {
    const steps = [
      {
        name: 'intent_identification',
        result: { needs_clarification: true, follow_up_questions: ['What would you like to find out?'] },
      },
    ];
    expect(clarificationOf(steps)?.questions).toEqual(['What would you like to find out?']);
  });

  it('is not a clarification when the pipeline went on after the intent step', () => {
    const steps = [
      { name: 'intent_identification', result: { needs_clarification: true, follow_up_questions: [] } },
      { name: 'initial_response_generation', result: { response: 'Volcanoes erupt because…' } },
    ];
    expect(clarificationOf(steps)).toBeNull();
  });

  it('is not a clarification for an ordinary reply, a skipped step or no steps', () => {
    expect(clarificationOf([{ name: 'simplified_conversation', result: { needs_clarification: false } }])).toBeNull();
    expect(clarificationOf([{ name: 'learning_enhancement', enabled: false, result: null }])).toBeNull();
    expect(clarificationOf([])).toBeNull();
  });
});

describe('a new conversation is named after its first message', () => {
  it('keeps a short first line as it is', () => {
    expect(titleFromFirstMessage('  Why do volcanoes erupt?\nI saw one on TV')).toBe('Why do volcanoes erupt?');
  });

  it('cuts a long message at a word boundary', () => {
    const title = titleFromFirstMessage('How do migrating birds find their way across thousands of kilometres?');
    expect(title).toBe('How do migrating birds find their way…');
    expect(title.length).toBeLessThanOrEqual(41);
  });
});
