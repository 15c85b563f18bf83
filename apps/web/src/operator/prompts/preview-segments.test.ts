import { describe, expect, it } from 'vitest';
import { splitByInjections } from './preview-segments.ts';

describe('splitByInjections', () => {
  it('cuts the rendered prompt into template text and what each placeholder became', () => {
    const rendered = 'About you: Likes volcanoes.\nStudent: Why is lava hot?';
    const injections = [
      { placeholder: '{{USER_PERSONA__persona}}', start: 11, end: 27 },
      { placeholder: '{{QUERY}}', start: 37, end: 53 },
    ];
    expect(splitByInjections(rendered, injections)).toEqual([
      { text: 'About you: ' },
      { text: 'Likes volcanoes.', placeholder: '{{USER_PERSONA__persona}}' },
      { text: '\nStudent: ' },
      { text: 'Why is lava hot?', placeholder: '{{QUERY}}' },
    ]);
  });

  it('keeps every character, in order, whatever the injections', () => {
    const rendered = 'abcdefghij';
    const injections = [
      { placeholder: '{{B}}', start: 6, end: 8 },
      { placeholder: '{{A}}', start: 0, end: 3 },
      { placeholder: '{{OVERLAP}}', start: 2, end: 5 },
      { placeholder: '{{EMPTY}}', start: 9, end: 9 },
      { placeholder: '{{OUT}}', start: 9, end: 40 },
    ];
    const segments = splitByInjections(rendered, injections);
    expect(segments.map((segment) => segment.text).join('')).toBe(rendered);
    expect(segments.filter((segment) => segment.placeholder).map((segment) => segment.text)).toEqual(['abc', 'gh']);
  });

  it('gives a prompt with nothing injected as one plain stretch', () => {
    expect(splitByInjections('Just text.', [])).toEqual([{ text: 'Just text.' }]);
    expect(splitByInjections('', [])).toEqual([]);
  });
});
