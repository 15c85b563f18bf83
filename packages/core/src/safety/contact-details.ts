/**
 * Contact details and identifiers a child might type, found by pattern (docs/SAFETY.md, "Contact
 * details"). Redacted from what memory and persona generation see, refused on memory and persona writes,
 * and the source of the screen's `contact_info` flags.
 */

export type ContactDetailKind = 'phone' | 'email' | 'upi_id' | 'social_handle' | 'id_number' | 'address';

export interface ContactDetail {
  kind: ContactDetailKind;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
}

export interface RedactedText {
  text: string;
  /** What was removed, with offsets in the original text. */
  redactions: ContactDetail[];
}

export const CONTACT_DETAIL_REPLACEMENTS: Record<ContactDetailKind, string> = {
  phone: '[phone number removed]',
  email: '[email removed]',
  upi_id: '[UPI ID removed]',
  social_handle: '[social handle removed]',
  id_number: '[ID number removed]',
  address: '[address removed]',
};

interface Detector {
  kind: ContactDetailKind;
  pattern: RegExp;
  /** Which capture group is the detail (default: the whole match). */
  group?: number;
  /** A final say on a match, for what a regular expression says badly. */
  accept?: (match: RegExpExecArray, text: string) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

// a digit, optionally after one space or dash: "98765 43210", "98-7654-3210", "9 8 7 6 5 4 3 2 1 0"
const D = String.raw`[ \-]?\d`;

const MAIL_PROVIDERS = 'gmail|googlemail|yahoo|ymail|hotmail|outlook|live|rediffmail|icloud|proton|protonmail';
const SOCIAL = 'insta(?:gram)?|ig|snap(?:chat)?|telegram|discord|tiktok|twitter|threads|facebook|fb|youtube|yt';
const STREET =
  'road|rd|street|st|nagar|colony|lane|marg|gali|layout|enclave|vihar|society|apartments?|apts?|cross|chowk|bazaa?r|sector|mohalla|extension';
// words before a house number that say "this is where I live" (English and romanised Hindi)
const ADDRESS_CONTEXT =
  /\b(?:live|lives|living|stay|stays|staying|address|ghar|rehta|rehti|rehte|rahta|rahti|house|home|flat|come\s+to|aa\s+jao|aana|visit)\b/i;

const DETECTOR_LIST: Detector[] = [
  // bounded and anchored to the start of a run, so a long run of letters and dots stays linear
  {
    kind: 'email',
    pattern: /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b/gi,
  },
  // "asha at gmail dot com": spelled out, only for the common providers ("look at this dot com" stays)
  {
    kind: 'email',
    pattern: new RegExp(
      String.raw`(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}\s*(?:\(at\)|\[at\]|\sat\s)\s*(?:${MAIL_PROVIDERS})\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*(?:com|in|co\.in|net)\b`,
      'gi',
    ),
  },
  // a UPI payment address: name@bank, no dot after the @ (an e-mail has one)
  { kind: 'upi_id', pattern: /(?<![\w.@-])[a-z0-9._-]{2,64}@[a-z]{2,24}(?![\w.@-])/gi },
  { kind: 'social_handle', pattern: /(?<![\w.@])@[a-z0-9_][a-z0-9_.]{1,29}/gi },
  {
    kind: 'social_handle',
    pattern: /\b(?:(?:instagram|facebook|snapchat|tiktok|twitter|x|youtube)\.com|fb\.com|t\.me)\/@?[\w.-]+/gi,
  },
  // "my insta is asha_2010", "snapchat id: ashaaa": the name after a network, when it reads like a handle
  {
    kind: 'social_handle',
    pattern: new RegExp(
      String.raw`\b(?:${SOCIAL})\s*(id|handle|username|user\s*name|account)?\s*(?:is|:|-|=|hai|h)?\s*@?([a-z0-9_.]{3,30})\b`,
      'gi',
    ),
    group: 2,
    accept: (m) => m[1] !== undefined || /[\d_.]/.test(m[2] ?? '') || m[0].includes('@'),
  },
  // Aadhaar-like: 12 digits, the first 2–9, whole or in fours (three years in a row are not one)
  {
    kind: 'id_number',
    pattern: /(?<![\d+])(?<!\d-)[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?!\d)/g,
    accept: (m) => !/^(?:(?:19|20)\d\d){3}$/.test(digitsOf(m[0])),
  },
  // a payment card number: 16 digits, whole or in fours, passing the Luhn check
  {
    kind: 'id_number',
    pattern: /(?<!\d)(?<!\d-)\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?!\d)/g,
    accept: (m) => luhnValid(digitsOf(m[0])),
  },
  // PAN: five letters, four digits, a letter
  { kind: 'id_number', pattern: /\b[a-z]{3}[pcfhatbljg][a-z]\d{4}[a-z]\b/gi },
  // Indian mobile: 10 digits from 6–9, after +91, 0091, 91 or 0, spaced or not; not the tail of a
  // longer number ("1-800-891-4416" is a toll-free line)
  {
    kind: 'phone',
    pattern: new RegExp(
      String.raw`(?<![\d+])(?<!\d-)(?<!(?:^|\D)1 )(?:(?:\+|00)\s?91[ \-]?|0?91[ \-]?|0[ \-]?)?[6-9](?:${D}){9}(?!\d)`,
      'g',
    ),
    accept: (m, text) => !looksLikeAmount(m, text) && groupedLikeAPhone(m[0]),
  },
  // Indian landline: 0, an STD code of 2–4 digits, the rest up to 11 digits in all
  {
    kind: 'phone',
    pattern: /(?<![\d+])(?<!\d-)0[1-9]\d{1,3}[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)/g,
    accept: (m) => digitsOf(m[0]).length === 11,
  },
  // international: + or 00, a country code, 8 to 15 digits in all
  {
    kind: 'phone',
    pattern: /(?<![\w+])(?:\+|00)\s?[1-9](?:[ -]?\(?\d\)?){7,14}(?!\d)/g,
  },
  // a house number and a street where the text says this is where someone lives, up to a PIN code
  {
    kind: 'address',
    pattern: new RegExp(
      String.raw`(?:\b(?:house|flat|h|plot|door|room)\s*(?:no\.?|number|#)?\s*[:.\-]?\s*|#\s*)?\b\d{1,5}[a-z]?(?:\s*[/\-]\s*\d{1,5}[a-z]?)?,?\s+(?:[a-z0-9][a-z0-9.']*,?\s+){0,4}(?:${STREET})\b(?:[^.\n!?]{0,60}?\b[1-9]\d{2}\s?\d{3}\b)?`,
      'gi',
    ),
    accept: (m, text) =>
      /^(?:house|flat|h|plot|door|room)\b|^#/i.test(m[0]) ||
      ADDRESS_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index)),
  },
];

// with match indices (flag d), for the offsets of a capture group
const DETECTORS = DETECTOR_LIST.map((d) => ({ ...d, pattern: new RegExp(d.pattern.source, `${d.pattern.flags}d`) }));

/** A 10-digit run after a currency sign is money (₹9876543210 is unlikely, but so is a phone there). */
function looksLikeAmount(m: RegExpExecArray, text: string): boolean {
  const before = text.slice(Math.max(0, m.index - 6), m.index);
  return /(?:₹|\brs\.?|\binr|\$)\s*$/i.test(before) || /0{5}/.test(digitsOf(m[0]));
}

/**
 * Digits grouped as people write a phone number: groups of three or more ("98765 43210", "987-654-3210"),
 * or one by one ("9 8 7 6 5 …"); not marks in pairs ("98 96 94 92 99").
 */
function groupedLikeAPhone(match: string): boolean {
  const number = match.replace(/^(?:(?:\+|00)\s?91[ -]?|0?91[ -]|0[ -])/, '');
  const groups = number.split(/[ -]/).map((group) => group.length);
  return groups.every((length) => length >= 3) || groups.every((length) => length === 1);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Every contact detail in the text, in order, none overlapping (the earlier, then the longer, wins).
 * A pattern's matches do not overlap, so a detail can hide inside a longer match that lost to another
 * ("6135 4416 8665 081727 01210": an ID number, then a phone); the text is scanned again with what was
 * found blanked out, until nothing new turns up, so that what is left after redaction holds none.
 */
export function findContactDetails(text: string): ContactDetail[] {
  let kept: ContactDetail[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fresh = scanOnce(blankOut(text, kept)).filter((d) => !kept.some((k) => d.start < k.end && k.start < d.end));
    if (fresh.length === 0) break;
    kept = [...kept, ...fresh].sort((a, b) => a.start - b.start);
  }
  return kept;
}

const MAX_PASSES = 5;

/** The text with the details replaced by as many characters that no pattern reads (offsets stay). */
function blankOut(text: string, details: ContactDetail[]): string {
  let out = text;
  for (const d of details) out = out.slice(0, d.start) + '\u0001'.repeat(d.end - d.start) + out.slice(d.end);
  return out;
}

function scanOnce(text: string): ContactDetail[] {
  const found: ContactDetail[] = [];
  for (const detector of DETECTORS) {
    for (const m of text.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(m, text)) continue;
      const span = m.indices?.[detector.group ?? 0];
      if (!span || span[0] === span[1]) continue;
      found.push({ kind: detector.kind, start: span[0], end: span[1] });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ContactDetail[] = [];
  for (const detail of found) {
    const last = kept.at(-1);
    if (!last || detail.start >= last.end) kept.push(detail);
  }
  return kept;
}

/** The text with every contact detail replaced by a note of what was there ("[phone number removed]"). */
export function redactContactDetails(text: string): RedactedText {
  const redactions = findContactDetails(text);
  if (redactions.length === 0) return { text, redactions };
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += text.slice(at, r.start) + CONTACT_DETAIL_REPLACEMENTS[r.kind];
    at = r.end;
  }
  return { text: out + text.slice(at), redactions };
}

/** Whether the text holds any contact detail. */
export function hasContactDetails(text: string): boolean {
  return findContactDetails(text).length > 0;
}
