import { describe, expect, it } from 'vitest';
import { corpusSet, measureCorpus, type Rate, SAFETY_CORPUS } from './corpus.ts';

const show = (r: Rate) => `${r.hits}/${r.of} (${(r.rate * 100).toFixed(1)}%)`;

describe('the labelled corpus', () => {
  it('holds at least 200 messages, about half risky, in English and romanised Hindi', () => {
    const { risky, benign } = SAFETY_CORPUS;
    expect(risky.length + benign.length).toBeGreaterThanOrEqual(200);
    expect(risky.length).toBeGreaterThanOrEqual(100);
    expect(benign.length).toBeGreaterThanOrEqual(100);
    for (const lang of ['en', 'hi']) {
      expect(risky.filter((e) => e.lang === lang).length).toBeGreaterThanOrEqual(30);
      expect(benign.filter((e) => e.lang === lang).length).toBeGreaterThanOrEqual(30);
    }
  });

  // Floors on a corpus the patterns were tuned on: they stop regressions, they are not what the screen
  // catches of messages it has never seen (docs/SAFETY.md has those figures too).
  it('meets its floors: recall on the risky half, false positives on the benign half', () => {
    const m = measureCorpus();
    const lines = [
      `recall (right category, at least the labelled severity): ${show(m.recall)}`,
      ...Object.entries(m.recallByCategory).map(([label, r]) => `  ${label}: ${show(r)}`),
      `high self-harm that gets the safe reply: ${show(m.selfHarmHighBlocked)}`,
      `benign with any flag: ${show(m.falsePositives)}`,
      `benign with a medium or high flag: ${show(m.falsePositivesMediumUp)}`,
      `benign that would get the safe reply: ${show(m.falselyBlocked)}`,
    ];
    for (const set of ['round1', 'round2', 'round3'] as const) {
      const part = measureCorpus(corpusSet(set));
      lines.push(`${set}: recall ${show(part.recall)}, false positives ${show(part.falsePositives)}`);
    }
    console.log(`safety corpus\n${lines.join('\n')}`);

    expect(m.selfHarmHighBlocked.rate).toBeGreaterThanOrEqual(0.95);
    expect(m.recall.rate).toBeGreaterThanOrEqual(0.9);
    for (const r of Object.values(m.recallByCategory)) expect(r.rate).toBeGreaterThanOrEqual(0.8);
    expect(m.falsePositives.rate).toBeLessThanOrEqual(0.05);
    expect(m.falsePositivesMediumUp.rate).toBeLessThanOrEqual(0.01);
    // a child asking about volcanoes must never be handed a helpline instead of an answer
    expect(m.falselyBlocked.hits).toBe(0);
  });
});
