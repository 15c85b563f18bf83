/**
 * Whether a coach reply asks the student to clarify, read from the reply's pipeline steps (the only
 * pipeline data a student may read). The turn's verdict is its last step's: the simplified and
 * follow-up paths record one step, and the full pipeline stops right after an intent step that asks
 * back; an intent step that wanted clarification but had no question to ask is followed by more steps.
 */
export interface Clarification {
  questions: string[];
}

export function clarificationOf(steps: ReadonlyArray<Record<string, unknown>>): Clarification | null {
  const last = steps.at(-1);
  const result = last?.result;
  if (!result || typeof result !== 'object') return null;
  const { needs_clarification, follow_up_questions } = result as Record<string, unknown>;
  if (needs_clarification !== true) return null;
  const questions = Array.isArray(follow_up_questions)
    ? follow_up_questions.filter((q): q is string => typeof q === 'string' && q.trim() !== '')
    : [];
  return { questions };
}
