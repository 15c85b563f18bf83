import { z } from 'zod';

/** What a safety flag is about (docs/SAFETY.md). */
export const SafetyCategory = z
  .enum(['self_harm', 'violence', 'sexual', 'bullying', 'contact_info'])
  .meta({ id: 'SafetyCategory' });
export type SafetyCategory = z.infer<typeof SafetyCategory>;

/** How serious a flag is; the rubric is in docs/SAFETY.md. */
export const SafetySeverity = z.enum(['low', 'medium', 'high']).meta({ id: 'SafetySeverity' });
export type SafetySeverity = z.infer<typeof SafetySeverity>;

/** One finding of the screen: the category, its severity and the id of the rule that matched (never the words). */
export const SafetyFlag = z
  .object({
    category: SafetyCategory,
    severity: SafetySeverity,
    rule: z.string().min(1).max(100),
  })
  .meta({ id: 'SafetyFlag' });
export type SafetyFlag = z.infer<typeof SafetyFlag>;

/** Everything the screen found in one text, and the most serious of it (null when nothing). */
export interface SafetyScreen {
  flags: SafetyFlag[];
  highest: SafetyFlag | null;
}

/** Who wrote the screened text: a student's message or the coach's reply are held to different bars. */
export type SafetyAuthor = 'student' | 'coach';

export const SAFETY_CATEGORIES = SafetyCategory.options;
export const SAFETY_SEVERITIES = SafetySeverity.options;

/** low < medium < high, as numbers for comparison. */
export function severityRank(severity: SafetySeverity): number {
  return SAFETY_SEVERITIES.indexOf(severity);
}
