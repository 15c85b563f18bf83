import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEvidence, EVIDENCE_PER_KEY, type EvidenceSource, normalizeQuote } from './persona-evidence.ts';

const volcanoMemory: EvidenceSource = {
  memoryId: 11,
  conversationId: 3,
  memoryData: { main_topics: ['Volcanoes and lava'], typical_observation: 'Asks “why” about every answer' },
  studentMessages: ['I really love  building model volcanoes!'],
};
const sources = new Map([[volcanoMemory.memoryId, volcanoMemory]]);
const persona = { persona: 'A curious student.', inferred_interests: ['volcanoes'], learning_patterns: [] };

describe('checking the evidence a generator claims', () => {
  it("keeps a quote found in the memory's words, whatever its case, spacing or quote marks", () => {
    const checked = checkEvidence({
      personaData: persona,
      sources,
      claims: [
        { key: 'inferred_interests', memory_id: 11, quote: 'volcanoes  AND lava' },
        { key: 'persona', memory_id: 11, quote: 'asks "why" about' },
      ],
    });
    expect(checked.evidence).toEqual({
      inferred_interests: [{ memory_id: 11, conversation_id: 3, quote: 'volcanoes  AND lava' }],
      persona: [{ memory_id: 11, conversation_id: 3, quote: 'asks "why" about' }],
    });
    expect(checked.unsupportedKeys).toEqual([]);
  });

  it("keeps a quote from the student's own messages in that memory's conversation", () => {
    const checked = checkEvidence({
      personaData: persona,
      sources,
      claims: [{ key: 'inferred_interests', memory_id: 11, quote: 'love building model volcanoes' }],
    });
    expect(checked.evidence.inferred_interests).toHaveLength(1);
    expect(checked.unsupportedKeys).toEqual(['persona']);
  });

  it.each([
    ['a memory that is not among the sources (another student’s)', { memory_id: 99, quote: 'volcanoes' }],
    ['a quote that is nowhere in the memory', { memory_id: 11, quote: 'loves dinosaurs' }],
    ['a quote spanning two separate strings', { memory_id: 11, quote: 'lava asks' }],
    ['a quote too short to mean anything', { memory_id: 11, quote: 'la' }],
    ['a quote too long to be a quote', { memory_id: 11, quote: 'a'.repeat(301) }],
  ])('drops %s', (_what, claim) => {
    const checked = checkEvidence({ personaData: persona, sources, claims: [{ key: 'inferred_interests', ...claim }] });
    expect(checked.evidence).toEqual({});
    expect(checked.unsupportedKeys).toEqual(['persona', 'inferred_interests']);
  });

  it('drops claims for keys that are empty or not in the persona', () => {
    const checked = checkEvidence({
      personaData: persona,
      sources,
      claims: [
        { key: 'learning_patterns', memory_id: 11, quote: 'volcanoes' },
        { key: 'favourite_colour', memory_id: 11, quote: 'volcanoes' },
      ],
    });
    expect(checked.evidence).toEqual({});
  });

  it(`keeps each piece once and at most ${EVIDENCE_PER_KEY} per key`, () => {
    const quotes = ['volcanoes', 'Volcanoes', 'lava', 'and lava', 'volcanoes and', 'love', 'really love'];
    const checked = checkEvidence({
      personaData: persona,
      sources,
      claims: quotes.map((quote) => ({ key: 'inferred_interests', memory_id: 11, quote })),
    });
    expect(checked.evidence.inferred_interests!.map((e) => e.quote)).toEqual([
      'volcanoes',
      'lava',
      'and lava',
      'volcanoes and',
      'love',
    ]);
  });

  it('never keeps a claim whose memory is not a source, nor a quote not in its source', () => {
    const claim = fc.record({
      key: fc.constantFrom('persona', 'inferred_interests', 'other'),
      memory_id: fc.integer({ min: 1, max: 20 }),
      quote: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('volcanoes', 'lava', 'model volcanoes')),
    });
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 30 }), (claims) => {
        const checked = checkEvidence({ personaData: persona, sources, claims });
        for (const [key, list] of Object.entries(checked.evidence)) {
          expect(['persona', 'inferred_interests']).toContain(key);
          expect(list.length).toBeLessThanOrEqual(EVIDENCE_PER_KEY);
          for (const piece of list) {
            expect(piece.memory_id).toBe(11);
            const haystack = [
              'volcanoes and lava',
              'asks "why" about every answer',
              'i really love building model volcanoes!',
            ];
            expect(haystack.some((text) => text.includes(normalizeQuote(piece.quote)))).toBe(true);
          }
        }
        const supported = new Set(Object.keys(checked.evidence));
        expect(checked.unsupportedKeys).toEqual(['persona', 'inferred_interests'].filter((k) => !supported.has(k)));
      }),
    );
  });
});
