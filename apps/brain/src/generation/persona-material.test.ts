import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, excerpt, formatListedMemories, withoutContactDetails } from './persona-material.ts';

describe('what the persona generator is shown of the student', () => {
  it('shows a short message whole', () => {
    expect(excerpt('  Why do volcanoes erupt?  ')).toBe('Why do volcanoes erupt?');
  });

  it("cuts a long message at a word boundary, without a mark, so any words copied from it are the student's", () => {
    const message = `${'volcano '.repeat(40)}end`;
    const shown = excerpt(message);

    expect(shown.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(message.startsWith(shown)).toBe(true);
    expect(shown.endsWith('volcano')).toBe(true);
  });

  it('never cuts inside a character', () => {
    const shown = excerpt('🌋'.repeat(300), 10);
    expect([...shown]).toEqual(Array(10).fill('🌋'));
  });

  it('lists one memory a line, its ids first', () => {
    const text = formatListedMemories([
      { memory_id: 3, conversation_id: 8, memory: { main_topics: ['lava'] }, student_said: ['Is lava hot?'] },
      { memory_id: 4, conversation_id: 9, memory: { main_topics: [] }, student_said: [] },
    ]);

    expect(text.split('\n')).toEqual([
      '{"memory_id":3,"conversation_id":8,"memory":{"main_topics":["lava"]},"student_said":["Is lava hot?"]}',
      '{"memory_id":4,"conversation_id":9,"memory":{"main_topics":[]},"student_said":[]}',
    ]);
  });

  it('shows messages with their contact details redacted', () => {
    const [shown] = withoutContactDetails([
      { is_user: true, content: 'my number is 98765 43210, email asha@example.com' },
    ]);
    expect(shown).toEqual({ is_user: true, content: 'my number is [phone number removed], email [email removed]' });
  });
});
