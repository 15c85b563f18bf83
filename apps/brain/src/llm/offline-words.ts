/** Reading a student's text without a model: the offline model's whole "understanding". */

const STOPWORDS = new Set(
  (
    'the and for are but not you your yours with this that these those there their they them then than ' +
    'what when where which while who whom whose why how was were will would could should shall can may might ' +
    'must have has had having does did doing done been being into onto from about above below over under ' +
    'again further once here all any both each few more most other some such only own same very just also ' +
    'too out off our ours ourselves yourself yourselves himself herself itself themselves its his her hers ' +
    'him she he we me my mine myself i am is it be do so if or as at by of on in to up an a no nor ' +
    'because until against between through during before after like really much many lot lots thing things ' +
    'something anything everything nothing someone anyone everyone get got gets make makes made know knows ' +
    'think thinks want wants need needs tell told say says said see seen look looks going goes went come ' +
    'came let lets yes yeah okay well still even ever every always never sometimes maybe please thanks ' +
    'thank hello hey hii dont doesnt didnt cant cannot wont isnt arent wasnt im ive youre thats whats ' +
    "don't doesn't didn't can't won't isn't aren't wasn't i'm i've you're that's what's it's let's " +
    'feel feels felt feeling work works worked happen happens happened mean means use used uses find learn ' +
    'understand explain help way ways kind called become becomes give gives take takes keep start try ' +
    // common Hindi function words, for students who write in Hindi
    'मुझे मैं मेरा मेरी मेरे बताओ बताइए बताएं क्या कैसे क्यों कि है हैं था थी होता होती होते और का की के में ' +
    'से को यह वह ये वो तो भी नहीं एक कर करते करता करती हो ' +
    // words of the prompts themselves, which are not what the student talks about
    'student students user users coach assistant conversation conversations message messages query reply ' +
    'response responses json field fields string array object return format following based prompt history ' +
    'memory memories persona summary output true false null main_topics typical_observation action actions ' +
    'topics topic details available till now learner learners question questions answer answers ai bot'
  ).split(/\s+/),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** The student's latest words: `query`, or else the last non-empty line of the prompt without its label. */
export function studentText(query: string | undefined, prompt: string): string {
  const fromQuery = clean(query ?? '');
  if (fromQuery) return fromQuery;
  const lines = prompt.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = clean(lines[i]!.replace(/^\s*[\p{L} _]{1,24}:\s*/u, ''));
    if (line) return line;
  }
  return '';
}

/** The words that carry the meaning, most frequent first (ties: first seen first). */
export function salientWords(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
      .toLowerCase()
      .replace(/[’]/g, "'")
      .replace(/['-]+$/, '');
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Map keeps insertion order and sort is stable, so ties stay in order of first appearance
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}

export function wordCount(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The student's words shortened to fit in a sentence, safe to put between double quotes. */
export function quotable(text: string, maxLength = 120): string {
  const plain = text.replace(/"/g, "'").replace(/[.!,;:\s]+$/u, '');
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength / 2 ? cut.slice(0, space) : cut}…`;
}

export function listPhrase(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** FNV-1a: a stable number from a string, to pick phrasings deterministically. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function pick<T>(options: readonly T[], seed: number, offset = 0): T {
  return options[(seed + offset) % options.length]!;
}

function clean(text: string): string {
  // control characters would end up in a chat bubble
  return text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
