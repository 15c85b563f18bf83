import { describe, expect, it } from 'vitest';
import { keyLabel, markLines, valueLines } from './persona-values.ts';

describe('how persona values read in the console', () => {
  it('labels the known keys in plain words and keeps unknown ones as they are', () => {
    expect(keyLabel('inferred_interests')).toBe('Interests');
    expect(keyLabel('favourite_colour')).toBe('favourite_colour');
  });

  it('reads lists as lines and empty values as nothing', () => {
    expect(valueLines(['volcanoes', 'space'])).toEqual(['volcanoes', 'space']);
    expect(valueLines('Curious about rocks.')).toEqual(['Curious about rocks.']);
    expect(valueLines(null)).toEqual([]);
    expect(valueLines([])).toEqual([]);
  });

  it('marks the list entries one side has and the other lacks', () => {
    const before = ['volcanoes', 'space'];
    const after = ['Volcanoes', 'dinosaurs'];
    expect(markLines(before, after)).toEqual([
      { text: 'volcanoes', changed: false },
      { text: 'space', changed: true },
    ]);
    expect(markLines(after, before)).toEqual([
      { text: 'Volcanoes', changed: false },
      { text: 'dinosaurs', changed: true },
    ]);
  });
});
