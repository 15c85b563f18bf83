import fc from 'fast-check';

/** The raw material of fuzzed requests: hostile text, ids, JSON shapes and headers. */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Characters that have broken services before: NUL, lone surrogates, bidi marks, escapes, placeholders. */
const nastyPiece = fc.oneof(
  loneSurrogate,
  fc.constantFrom(
    '\u0000',
    '\uffff',
    '\ufeff',
    '\u202e',
    '\u2028',
    '💥',
    'ß',
    '\\',
    '"',
    "'",
    '%',
    '_',
    '%00',
    '../',
    '\r\n',
    '{{USER_PERSONA}}',
    '{{QUERY}}',
    '<script>',
    'null',
    ' ',
  ),
);

/** Lengths around the limits the API states (titles 200, names 100, messages 8000, prompts 100 000). */
const LIMIT_EDGES = [0, 1, 99, 100, 101, 199, 200, 201, 1_000, 1_001, 2_000, 2_001, 4_000, 4_001, 8_000, 8_001];
const hugeString = fc
  .tuple(fc.constantFrom(...LIMIT_EDGES, 100_000, 100_001), fc.constantFrom('a', 'é', '💥', ' ', '\u0000', '9'))
  .map(([length, unit]) => unit.repeat(unit.length === 2 ? Math.ceil(length / 2) : length));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.array(nastyPiece, { maxLength: 6 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: hugeString },
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, -0, 1.5, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const nastyKey = fc.oneof(
  nastyString,
  fc.constantFrom('constructor', 'prototype', 'toString', 'user_id', 'id', 'steps', 'is_user', ''),
);

/** Any JSON value, with hostile strings, numbers and keys. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    nastyNumber,
    nastyString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Deeply nested arrays or objects: a recursion in a parser, validator or serializer shows here. */
export const deepJson = fc
  .tuple(fc.constantFrom(100, 1_000, 10_000, 100_000), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

/** A path segment where an id (or a prompt name) belongs. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1',
    '2147483647',
    '2147483648',
    '9'.repeat(40),
    '1e3',
    '0x10',
    '1.5',
    '-0',
    'NaN',
    'Infinity',
    'abc',
    '%00',
    '%20',
    '%F0%9F%92%A5',
    '%ED%A0%80',
    '%C0%AF',
    '%',
    '%%',
    '..',
    '.',
    'null',
    'true',
    '__proto__',
    '{{QUERY}}',
    'a'.repeat(101),
  ),
  fc.integer({ min: -5, max: 5_000 }).map(String),
  nastyString.map(encodeLoosely),
);

/** Query parameter names the routes read, and others. */
const queryName = fc.oneof(
  fc.constantFrom(
    'limit',
    'offset',
    'clamp',
    'sync',
    'query',
    'set_active',
    'only_needing',
    'include_empty',
    'generate_conversation_memories_if_not_found',
    'wait',
    'user_id',
  ),
  nastyString,
);
const queryValue = fc.oneof(
  fc.constantFrom('true', 'false', '1', '0', 'True', '', '-1', '-2', '10', '1e2', '9'.repeat(30), 'null', '[]'),
  nastyString,
);

/** A query string of 0–4 parameters (names may repeat, which makes arrays of values). */
export const queryString = fc
  .array(fc.tuple(queryName, queryValue), { maxLength: 4 })
  .map((pairs) =>
    pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`).join('&')}`,
  );

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  '*/*',
  'application/',
  ';;;',
);

/** Headers that change how a request is read, besides the content type. */
export const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/json;q=0', ''),
    'x-request-id': fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.constant('')),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', 'x-unknown'),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1', 'garbage', '127.0.0.1, 10.0.0.1'),
  },
  { requiredKeys: [] },
);

/** Percent-encodes any string, lone surrogates included (as the bytes of an invalid UTF-8 sequence). */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}
