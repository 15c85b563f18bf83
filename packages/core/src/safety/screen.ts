import { DEFAULT_SAFETY_CONFIG, type SafetyExtraPattern, type SafetyScreenConfig } from './config.ts';
import { findContactDetails } from './contact-details.ts';
import { BUILT_IN_RULES, type SafetyRule } from './rules.ts';
import {
  SAFETY_CATEGORIES,
  type SafetyAuthor,
  type SafetyFlag,
  type SafetyScreen,
  type SafetySeverity,
  severityRank,
} from './types.ts';

/** Lower case, straight apostrophes, one space: the form the rules are written for. */
export function normalizeForScreen(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ');
}

const extraRules = new WeakMap<SafetyExtraPattern[], SafetyRule[]>();

function rulesFor(config: SafetyScreenConfig): SafetyRule[] {
  let extra = extraRules.get(config.extra_patterns);
  if (!extra) {
    extra = config.extra_patterns.map((p) => ({
      id: `extra.${p.id}`,
      category: p.category,
      severity: p.severity,
      pattern: new RegExp(p.pattern, 'iu'),
    }));
    extraRules.set(config.extra_patterns, extra);
  }
  return [...BUILT_IN_RULES, ...extra];
}

/** Most serious first; between equals, the category order of SafetyCategory (self_harm first). */
function compareFlags(a: SafetyFlag, b: SafetyFlag): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    SAFETY_CATEGORIES.indexOf(a.category) - SAFETY_CATEGORIES.indexOf(b.category)
  );
}

/**
 * The built-in screen: every rule of an enabled category that matches the text, and a `contact_info`
 * flag (low) per kind of contact detail in it. Deterministic, offline, no I/O; a flag names the rule,
 * never the words.
 */
export function screenText(text: string, config: SafetyScreenConfig = DEFAULT_SAFETY_CONFIG): SafetyScreen {
  const normalized = normalizeForScreen(text);
  const flags: SafetyFlag[] = [];
  for (const rule of rulesFor(config)) {
    if (!config.categories[rule.category].enabled) continue;
    if (!rule.pattern.test(normalized)) continue;
    if (rule.unless?.test(normalized)) continue;
    flags.push({ category: rule.category, severity: rule.severity, rule: rule.id });
  }
  if (config.categories.contact_info.enabled) {
    const kinds = new Set(findContactDetails(text).map((d) => d.kind));
    for (const kind of kinds) flags.push({ category: 'contact_info', severity: 'low', rule: `contact_info.${kind}` });
  }
  flags.sort(compareFlags);
  return { flags, highest: flags[0] ?? null };
}

/**
 * The flag that blocks a text by its author's threshold (SafetyScreenConfig `block_student_at` /
 * `block_coach_at`), the most serious if several; null when the text may pass.
 */
export function blockingFlag(
  screen: SafetyScreen,
  author: SafetyAuthor,
  config: SafetyScreenConfig = DEFAULT_SAFETY_CONFIG,
): SafetyFlag | null {
  return (
    screen.flags.find((flag) => {
      const settings = config.categories[flag.category];
      const threshold = author === 'student' ? settings.block_student_at : settings.block_coach_at;
      return threshold !== 'never' && atLeast(flag.severity, threshold);
    }) ?? null
  );
}

/**
 * The flag that raises an alert for an adult without blocking (SafetyScreenConfig `alert_student_at`), the
 * most serious if several; null when none does. A student message that blocks alerts anyway.
 */
export function alertingFlag(
  screen: SafetyScreen,
  config: SafetyScreenConfig = DEFAULT_SAFETY_CONFIG,
): SafetyFlag | null {
  return (
    screen.flags.find((flag) => {
      const threshold = config.categories[flag.category].alert_student_at;
      return threshold !== 'never' && atLeast(flag.severity, threshold);
    }) ?? null
  );
}

/** Whether a severity is at or above another. */
export function atLeast(severity: SafetySeverity, threshold: SafetySeverity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}
