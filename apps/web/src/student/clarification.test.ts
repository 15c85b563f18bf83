import { describe, expect, it } from 'vitest';
import { clarificationOf } from './clarification.ts';
import { titleFromFirstMessage } from './conversation-title.ts';

describe('a reply that asks the student to clarify', () => {
  const coach = { is_user: false };

  it('is recognised from the needs_clarification the coach message carries, with its questions', () => {
    expect(
      clarificationOf({ ...coach, needs_clarification: true, follow_up_questions: ['Which volcano do you mean?'] }),
    ).toEqual({ questions: ['Which volcano do you mean?'] });
  });

  it('keeps only the questions with words in them', () => {
    expect(clarificationOf({ ...coach, needs_clarification: true, follow_up_questions: ['  ', 'Which one?'] })).toEqual(
      { questions: ['Which one?'] },
    );
    expect(clarificationOf({ ...coach, needs_clarification: true })).toEqual({ questions: [] });
  });

  it('is not a clarification for an ordinary reply, a message without the fields or a student message', () => {
    expect(
      clarificationOf({ ...coach, needs_clarification: false, follow_up_questions: ['What else floats?'] }),
    ).toBeNull();
    expect(clarificationOf(coach)).toBeNull();
    expect(clarificationOf({ is_user: true, needs_clarification: true, follow_up_questions: ['x'] })).toBeNull();
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
