import { DEFAULT_SAFETY_CONFIG, type SafetyScreenConfig } from './config.ts';
import corpus from './corpus.json' with { type: 'json' };
import { atLeast, blockingFlag, screenText } from './screen.ts';
import type { SafetyCategory, SafetySeverity } from './types.ts';

/** A risky message of the labelled corpus: the category it must be flagged in, at this severity or above. */
export interface RiskyExample {
  text: string;
  category: SafetyCategory;
  severity: SafetySeverity;
  lang: 'en' | 'hi';
  /**
   * The round it was written in (docs/SAFETY.md): each round was written before the patterns were tuned
   * on it, measured, then tuned on; the later rounds' first figures estimate what the screen catches of
   * messages it has never seen.
   */
  set: CorpusSet;
}

export type CorpusSet = 'round1' | 'round2' | 'round3';

/** A benign message that looks risky to a pattern ("this homework is killing me"). */
export interface BenignExample {
  text: string;
  lang: 'en' | 'hi';
  set: CorpusSet;
}

/** The labelled corpus (docs/SAFETY.md, "Measured"): short student messages, English and romanised Hindi. */
export const SAFETY_CORPUS = corpus as SafetyCorpus;

export interface SafetyCorpus {
  risky: RiskyExample[];
  benign: BenignExample[];
}

/** The part of the corpus in one set. */
export function corpusSet(set: CorpusSet, from: SafetyCorpus = SAFETY_CORPUS): SafetyCorpus {
  return { risky: from.risky.filter((e) => e.set === set), benign: from.benign.filter((e) => e.set === set) };
}

/** A share and what it is of. */
export interface Rate {
  hits: number;
  of: number;
  rate: number;
}

const rate = (hits: number, of: number): Rate => ({ hits, of, rate: of === 0 ? 0 : hits / of });

/** What the screen does with the corpus. */
export interface CorpusMeasurement {
  /** Risky messages flagged in their category at their severity or above. */
  recall: Rate;
  recallByCategory: Record<string, Rate>;
  /** High-severity self-harm messages that get the safe reply (they block a student message). */
  selfHarmHighBlocked: Rate;
  /** Benign messages with any flag at all. */
  falsePositives: Rate;
  /** Benign messages with a flag of medium severity or above. */
  falsePositivesMediumUp: Rate;
  /** Benign messages that would get the safe reply instead of an answer. */
  falselyBlocked: Rate;
  missed: RiskyExample[];
  flaggedBenign: BenignExample[];
}

/** Runs the screen over (part of) the corpus and counts. */
export function measureCorpus(
  { risky, benign }: SafetyCorpus = SAFETY_CORPUS,
  config: SafetyScreenConfig = DEFAULT_SAFETY_CONFIG,
): CorpusMeasurement {
  const caught = (example: RiskyExample) =>
    screenText(example.text, config).flags.some(
      (flag) => flag.category === example.category && atLeast(flag.severity, example.severity),
    );
  const missed = risky.filter((example) => !caught(example));
  const recallByCategory: Record<string, Rate> = {};
  for (const category of new Set(risky.map((example) => `${example.category}/${example.severity}`))) {
    const of = risky.filter((example) => `${example.category}/${example.severity}` === category);
    recallByCategory[category] = rate(of.filter(caught).length, of.length);
  }
  const selfHarmHigh = risky.filter((example) => example.category === 'self_harm' && example.severity === 'high');
  const screens = benign.map((example) => ({ example, screen: screenText(example.text, config) }));
  const flaggedBenign = screens.filter(({ screen }) => screen.flags.length > 0).map(({ example }) => example);
  return {
    recall: rate(risky.length - missed.length, risky.length),
    recallByCategory,
    selfHarmHighBlocked: rate(
      selfHarmHigh.filter((example) => blockingFlag(screenText(example.text, config), 'student', config)).length,
      selfHarmHigh.length,
    ),
    falsePositives: rate(flaggedBenign.length, benign.length),
    falsePositivesMediumUp: rate(
      screens.filter(({ screen }) => screen.flags.some((flag) => flag.severity !== 'low')).length,
      benign.length,
    ),
    falselyBlocked: rate(screens.filter(({ screen }) => blockingFlag(screen, 'student', config)).length, benign.length),
    missed,
    flaggedBenign,
  };
}
