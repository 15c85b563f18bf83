import { lintTemplate } from '@coach/core';
import { describe, expect, it } from 'vitest';
import { applySuggestion, offsetOf, problemContext } from './lint-edits.ts';

describe('applySuggestion', () => {
  it("replaces a misspelt key with the lint's suggestion and puts the caret after it", () => {
    const text = 'Hello.\nAbout you: {{USER_PERSONA__intrests}}\nStudent: {{QUERY}}';
    const [problem] = lintTemplate(text).problems;
    const edit = applySuggestion(text, problem!);
    expect(edit?.text).toBe('Hello.\nAbout you: {{USER_PERSONA__inferred_interests}}\nStudent: {{QUERY}}');
    expect(edit?.text.slice(0, edit.caret).endsWith('{{USER_PERSONA__inferred_interests}}')).toBe(true);
    expect(lintTemplate(edit!.text).problems).toEqual([]);
  });

  it('fixes the right one of two problems on a line', () => {
    const text = '{{USER_PERSNA}} and {{QUERRY}}';
    const problems = lintTemplate(text).problems;
    const second = problems.find((problem) => problem.text === '{{QUERRY}}')!;
    expect(applySuggestion(text, second)?.text).toBe('{{USER_PERSNA}} and {{QUERY}}');
  });

  it('does nothing when the token has moved since the lint or there is no suggestion', () => {
    const text = 'About you: {{USER_PERSONA__intrests}}';
    const [problem] = lintTemplate(text).problems;
    expect(applySuggestion(`More. ${text}`, problem!)).toBeNull();
    expect(applySuggestion(text, { ...problem!, suggestion: undefined })).toBeNull();
  });
});

describe('offsetOf', () => {
  it('counts lines and columns from 1', () => {
    expect(offsetOf('ab\ncd\nef', 1, 1)).toBe(0);
    expect(offsetOf('ab\ncd\nef', 3, 2)).toBe(7);
    expect(offsetOf('ab', 5, 1)).toBe(2);
  });
});

describe('problemContext', () => {
  it('shows the token within its line, long lines shortened around it', () => {
    const text = `first line\n${'x'.repeat(60)} {{USER_PERSNA}} tail\nlast`;
    const [problem] = lintTemplate(text).problems;
    const context = problemContext(text, problem!);
    expect(context.token).toBe('{{USER_PERSNA}}');
    expect(context.before).toBe(`…${'x'.repeat(39)} `);
    expect(context.after).toBe(' tail');
  });
});
