import { lintTemplate, PROMPT_PURPOSES } from '@coach/core';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROMPTS, type PromptName } from './builtin.ts';

describe('the built-in prompts', () => {
  it('are exactly the prompts the lint knows a purpose for', () => {
    expect(Object.keys(PROMPT_PURPOSES).sort()).toEqual(Object.keys(BUILTIN_PROMPTS).sort());
  });

  it.each(Object.keys(BUILTIN_PROMPTS) as PromptName[])('%s lints clean, without warnings', (name) => {
    expect(lintTemplate(BUILTIN_PROMPTS[name].text, name)).toEqual({ problems: [], warnings: [] });
  });
});
