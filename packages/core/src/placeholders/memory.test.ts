import { describe, expect, it } from 'vitest';
import { MEMORY_FALLBACK, renderMemorySnippet } from './memory.ts';
import { TRUNCATION_MARKER } from './truncate.ts';

function givenMemory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    main_topics: ['photosynthesis', 'light'],
    action: ['grow a bean in the dark'],
    typical_observation: 'Connects ideas to "home" life.',
    ...overrides,
  };
}

describe('renderMemorySnippet', () => {
  it('renders every allowed key in allowlist order when no keys are named', () => {
    expect(renderMemorySnippet(givenMemory(), null)).toBe(
      'These are some details of the conversation till now. `main_topics` is "photosynthesis, light", ' +
        '`action` is "grow a bean in the dark", `typical_observation` is "Connects ideas to \\"home\\" life."',
    );
  });

  it('renders only the requested keys, in the order named, omitting keys outside the allowlist', () => {
    expect(renderMemorySnippet(givenMemory(), ['action', 'persona', 'main_topics'])).toBe(
      'These are some details of the conversation till now. `action` is "grow a bean in the dark", ' +
        '`main_topics` is "photosynthesis, light"',
    );
  });

  it('renders a missing or empty value as "[Not available]"', () => {
    expect(renderMemorySnippet({ main_topics: [], typical_observation: '' }, null)).toBe(
      'These are some details of the conversation till now. `main_topics` is "[Not available]", ' +
        '`action` is "[Not available]", `typical_observation` is "[Not available]"',
    );
  });

  it('renders the fallback for a missing memory or when no requested key is allowed', () => {
    expect(renderMemorySnippet(null, null)).toBe('Conversation memory not available.');
    expect(renderMemorySnippet(undefined, ['main_topics'])).toBe(MEMORY_FALLBACK);
    expect(renderMemorySnippet(givenMemory(), ['persona'])).toBe(MEMORY_FALLBACK);
  });

  it('cuts a snippet longer than maxSnippetLength and marks the cut', () => {
    const snippet = renderMemorySnippet(givenMemory(), null, { maxSnippetLength: 60 });
    expect(snippet).toHaveLength(60);
    expect(snippet.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});
