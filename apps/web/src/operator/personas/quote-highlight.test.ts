import { describe, expect, it } from 'vitest';
import { splitOnQuote } from './quote-highlight.ts';

describe('splitOnQuote', () => {
  it('cuts the text around the quoted words, whatever their case and spacing', () => {
    expect(splitOnQuote('Asked why lava is so hot, twice.', 'LAVA is  so hot')).toEqual([
      { text: 'Asked why ', quoted: false },
      { text: 'lava is so hot', quoted: true },
      { text: ', twice.', quoted: false },
    ]);
  });

  it('marks every place the quote occurs', () => {
    expect(splitOnQuote('stars and stars', 'stars')?.filter((segment) => segment.quoted)).toHaveLength(2);
  });

  it('treats the quote as words, not as a pattern', () => {
    expect(splitOnQuote('What is 2+2 (really)?', '2+2 (really)')?.[1]).toEqual({ text: '2+2 (really)', quoted: true });
  });

  it('finds a quote with straight apostrophes in text written with curly ones', () => {
    expect(splitOnQuote('I don\u2019t like maths', "don't like")?.[1]).toEqual({
      text: 'don\u2019t like',
      quoted: true,
    });
  });

  it('says so when the quote is not in the text', () => {
    expect(splitOnQuote('volcanoes', 'dinosaurs')).toBeNull();
    expect(splitOnQuote('volcanoes', '   ')).toBeNull();
  });
});
