import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findContactDetails, redactContactDetails } from './contact-details.ts';
import { contactDetailRefusal, findContactDetailsInJson, redactContactDetailsInJson } from './contact-details-json.ts';

const kinds = (text: string) => findContactDetails(text).map((d) => d.kind);

describe('findContactDetails', () => {
  it.each([
    ['my number is 9876543210', 'phone'],
    ['call 98765 43210', 'phone'],
    ['+91 98765-43210', 'phone'],
    ['+919876543210', 'phone'],
    ['091-98765 43210', 'phone'],
    ['0 9876543210', 'phone'],
    ['9 8 7 6 5 4 3 2 1 0', 'phone'],
    ['landline 011-2345 6789', 'phone'],
    ['my cousin in the US is +1 (555) 123-4567', 'phone'],
    ['uk: 0044 20 7946 0958', 'phone'],
    ['email asha.k@example.com', 'email'],
    ['asha at gmail dot com', 'email'],
    ['pay me at asha@okaxis', 'upi_id'],
    ['follow me @asha_draws', 'social_handle'],
    ['my insta is asha_2010', 'social_handle'],
    ['snapchat id: ashaaa', 'social_handle'],
    ['instagram.com/asha.draws', 'social_handle'],
    ['my aadhaar is 2345 6789 0123', 'id_number'],
    ['card 4111 1111 1111 1111', 'id_number'],
    ['PAN ABCPE1234F', 'id_number'],
    ['I live at 12 MG Road, Bengaluru 560001', 'address'],
    ['mera ghar H No 45/2 Gandhi Nagar mein hai', 'address'],
  ])('finds %s as %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it.each([
    'in 1947 India became free; 2024 was a leap year',
    'the price was ₹ 9,999 or Rs 12000',
    'class 7 maths: 2 + 3 = 5',
    'my phone number of friends in maths is 7',
    'the world has 8000000000 people',
    'pin code 560001',
    'the years 2019 2020 2021 were strange',
    'call Tele-MANAS on 14416 or 1-800-891-4416, or 1098',
    'my insta is down today',
    'I live 3 km from school',
    'pi is 3.14159265358979',
    '12345 x 67890 = 838102050',
    'ghar pe 2 baje main aaunga',
    'email me the answer? no, just tell me',
  ])('leaves a benign number or phrase alone: %s', (text) => {
    expect(findContactDetails(text)).toEqual([]);
  });

  it('gives offsets in the text', () => {
    const text = 'call 98765 43210 now';
    const [detail] = findContactDetails(text);
    expect(text.slice(detail?.start, detail?.end)).toBe('98765 43210');
  });
});

describe('redactContactDetails', () => {
  it('replaces each detail with a note of what it was', () => {
    const { text, redactions } = redactContactDetails('my number is 98765 43210, email asha@example.com');
    expect(text).toBe('my number is [phone number removed], email [email removed]');
    expect(redactions.map((r) => r.kind)).toEqual(['phone', 'email']);
  });

  it('returns a text without details as it is', () => {
    expect(redactContactDetails('why is the sky blue?')).toEqual({ text: 'why is the sky blue?', redactions: [] });
  });

  const detail = fc.oneof(
    fc
      .tuple(fc.constantFrom('', '+91 ', '0'), fc.integer({ min: 6, max: 9 }), fc.stringMatching(/^\d{9}$/))
      .map(([prefix, first, rest]) => `${prefix}${first}${rest.slice(0, 4)} ${rest.slice(4)}`),
    fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), fc.constantFrom('gmail.com', 'example.in', 'school.edu'))
      .map(([user, domain]) => `${user}@${domain}`),
    fc.stringMatching(/^[a-z_]{3,12}$/).map((name) => `@${name}`),
  );
  const word = fc.oneof(
    fc.constantFrom('my', 'number', 'is', 'call', 'me', 'class', '7', '2024', '+', '=', 'mail', 'at', 'and', ',', '.'),
    fc.integer({ min: 0, max: 99999 }).map(String),
    fc.stringMatching(/^[a-z]{1,8}$/),
  );
  const message = fc.array(fc.oneof(word, detail), { maxLength: 20 }).map((parts) => parts.join(' '));

  it('is idempotent', () => {
    fc.assert(
      fc.property(message, (text) => {
        const once = redactContactDetails(text).text;
        expect(redactContactDetails(once).text).toBe(once);
      }),
    );
  });

  it('leaves no detectable contact detail', () => {
    fc.assert(
      fc.property(message, (text) => {
        expect(findContactDetails(redactContactDetails(text).text)).toEqual([]);
      }),
    );
  });

  // a word of letters beside it: "7247 065080 63700" could be read either way, and so could "Rs 98765 43210"
  const letters = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => w !== 'rs' && w !== 'inr');

  it('removes every generated detail', () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 6 }),
        letters,
        detail,
        letters,
        fc.array(word, { maxLength: 6 }),
        (before, left, d, right, after) => {
          const text = [...before, left, d, right, ...after].join(' ');
          expect(redactContactDetails(text).text).not.toContain(d);
        },
      ),
    );
  });

  it('finds nothing in years, prices, classes and sums', () => {
    const benign = fc.oneof(
      fc.integer({ min: 1000, max: 2100 }).map((year) => `in ${year}`),
      fc.integer({ min: 1, max: 99999 }).map((price) => `₹${price}`),
      fc.integer({ min: 1, max: 12 }).map((n) => `class ${n}`),
      fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a} + ${b} = ${a + b}`),
    );
    fc.assert(
      fc.property(fc.array(benign, { maxLength: 8 }), (parts) => {
        expect(findContactDetails(parts.join(' '))).toEqual([]);
      }),
    );
  });
});

describe('contact details in JSON', () => {
  const persona = {
    name: 'Asha',
    likes: ['volcanoes', 'call me on 98765 43210'],
    school: { mail: 'asha@example.com' },
  };

  it('names the first field holding one', () => {
    expect(findContactDetailsInJson(persona)).toEqual({ path: 'likes.1', kind: 'phone' });
    expect(findContactDetailsInJson({ likes: ['volcanoes'], grade: 7 })).toBeNull();
  });

  it('redacts every text and counts what went', () => {
    const { value, redactions } = redactContactDetailsInJson(persona);
    expect(redactions).toBe(2);
    expect(value).toEqual({
      name: 'Asha',
      likes: ['volcanoes', 'call me on [phone number removed]'],
      school: { mail: '[email removed]' },
    });
    expect(findContactDetailsInJson(value)).toBeNull();
  });

  it('hands back the same value when there is nothing to redact', () => {
    const clean = { likes: ['volcanoes'] };
    expect(redactContactDetailsInJson(clean).value).toBe(clean);
  });
});

describe('contactDetailRefusal', () => {
  it('names the field and the kind, never the detail', () => {
    const refusal = contactDetailRefusal({ likes: ['mail me at asha@example.com'] }, 'body.persona_data');
    expect(refusal).toMatch(/^body\.persona_data\.likes\.0 holds an e-mail address: /);
    expect(refusal).not.toContain('asha');
    expect(contactDetailRefusal({ likes: ['maths'] }, 'body.persona_data')).toBeNull();
  });
});

describe('on long adversarial text', () => {
  it('stays linear: runs of letters, dots and digits of 8,000 characters take well under a second', () => {
    const texts = ['a'.repeat(8000), 'a.'.repeat(4000), `${'a'.repeat(4000)}@${'b.'.repeat(2000)}`, '9 '.repeat(4000)];
    const started = performance.now();
    for (const text of texts) redactContactDetails(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
