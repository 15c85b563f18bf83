export interface QuoteSegment {
  text: string;
  quoted: boolean;
}

/**
 * `text` cut where `quote` occurs (ignoring case, runs of spaces and curly against straight quotes, as the
 * Backend does when it checks evidence), so the quoted words can be wrapped
 * in <mark>; null when the quote is not in the text.
 */
export function splitOnQuote(text: string, quote: string): QuoteSegment[] | null {
  const words = quote.trim().split(/\s+/).filter(Boolean).map(straightQuotes).map(escapeRegExp).map(anyQuoteMark);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.join('\\s+'), 'gi');
  const segments: QuoteSegment[] = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > from) segments.push({ text: text.slice(from, start), quoted: false });
    segments.push({ text: match[0], quoted: true });
    from = start + match[0].length;
  }
  if (segments.length === 0) return null;
  if (from < text.length) segments.push({ text: text.slice(from), quoted: false });
  return segments;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// a straight quote in the words also matches its curly forms (core's normalizeQuote treats them alike)
function anyQuoteMark(word: string): string {
  return word.replaceAll("'", "['\u2018-\u201B\u2032]").replaceAll('"', '["\u201C-\u201F\u2033]');
}

function straightQuotes(word: string): string {
  return word.replace(/[\u2018-\u201B\u2032]/g, "'").replace(/[\u201C-\u201F\u2033]/g, '"');
}
