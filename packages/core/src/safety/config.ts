import { z } from 'zod';
import { SAFETY_CATEGORIES, type SafetyCategory, SafetySeverity } from './types.ts';

/** The severity from which a flag blocks, or `never`. */
const BlockAt = z.union([SafetySeverity, z.literal('never')]);

/**
 * One category's settings. `block_student_at`: a student message flagged at this severity or above gets
 * the safe reply instead of the model's and raises an alert. `alert_student_at`: a student message flagged
 * at this severity or above raises an alert for an adult even when it does not block (the coach answers
 * as usual). `block_coach_at`: a coach reply flagged at this severity or above is replaced by the safe
 * fallback. Below the thresholds a flag is only recorded.
 */
export interface SafetyCategoryConfig {
  enabled: boolean;
  block_student_at: SafetySeverity | 'never';
  alert_student_at: SafetySeverity | 'never';
  block_coach_at: SafetySeverity | 'never';
}

/** What a config file may say about one category; anything left out keeps the built-in setting. */
const SafetyCategoryOverride = z
  .object({
    enabled: z.boolean().optional(),
    block_student_at: BlockAt.optional(),
    alert_student_at: BlockAt.optional(),
    block_coach_at: BlockAt.optional(),
  })
  .strict();

/** A pattern an operator adds to the built-in ones: a JavaScript regular expression, matched case-insensitively. */
export const SafetyExtraPattern = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]{1,60}$/, 'lower-case letters, digits, _ . - (at most 60)'),
    category: z.enum(SAFETY_CATEGORIES),
    severity: SafetySeverity,
    pattern: z.string().min(1).max(500),
  })
  .strict()
  .superRefine((extra, ctx) => {
    try {
      new RegExp(extra.pattern, 'iu');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a regular expression: ${(error as Error).message}`,
      });
    }
  });
export type SafetyExtraPattern = z.infer<typeof SafetyExtraPattern>;

const DEFAULT_CATEGORIES: Record<SafetyCategory, SafetyCategoryConfig> = {
  // "nobody would miss me" is medium: the coach may answer it, but an adult should know
  self_harm: { enabled: true, block_student_at: 'high', alert_student_at: 'medium', block_coach_at: 'medium' },
  // medium violence is mostly figures of speech ("I'll kill him"): recorded, no alert
  violence: { enabled: true, block_student_at: 'high', alert_student_at: 'high', block_coach_at: 'medium' },
  sexual: { enabled: true, block_student_at: 'high', alert_student_at: 'high', block_coach_at: 'medium' },
  // bullying never blocks a student: the coach should listen; a teacher is told
  bullying: { enabled: true, block_student_at: 'never', alert_student_at: 'medium', block_coach_at: 'medium' },
  // a student's own number is redacted from memory, not a reason to refuse to talk; the coach may name a helpline
  contact_info: { enabled: true, block_student_at: 'never', alert_student_at: 'never', block_coach_at: 'never' },
};

/**
 * How the screen is set up (the file named by `SAFETY_CONFIG`, docs/SAFETY.md). Every key is optional;
 * a category left out keeps its built-in settings.
 */
export const SafetyScreenConfig = z
  .object({
    categories: z
      .object(
        Object.fromEntries(SAFETY_CATEGORIES.map((c) => [c, SafetyCategoryOverride.optional()])) as Record<
          SafetyCategory,
          z.ZodOptional<typeof SafetyCategoryOverride>
        >,
      )
      .strict()
      .default({}),
    extra_patterns: z.array(SafetyExtraPattern).max(200).default([]),
  })
  .strict()
  .transform((input) => ({
    categories: Object.fromEntries(
      SAFETY_CATEGORIES.map((c) => [c, { ...DEFAULT_CATEGORIES[c], ...stripUndefined(input.categories[c] ?? {}) }]),
    ) as Record<SafetyCategory, SafetyCategoryConfig>,
    extra_patterns: input.extra_patterns,
  }));
export type SafetyScreenConfig = z.output<typeof SafetyScreenConfig>;
export type SafetyScreenConfigInput = z.input<typeof SafetyScreenConfig>;

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The built-in settings, used when `SAFETY_CONFIG` is not set. */
export const DEFAULT_SAFETY_CONFIG: SafetyScreenConfig = SafetyScreenConfig.parse({});
