import type { Schemas } from '../api/client.ts';

/**
 * Whether a coach reply asks the student to clarify, read from the message itself: the Backend stores
 * the Brain's `needs_clarification` and `follow_up_questions` with every coach message (docs/api).
 */
export interface Clarification {
  questions: string[];
}

export function clarificationOf(
  message: Pick<Schemas['Message'], 'is_user' | 'needs_clarification' | 'follow_up_questions'>,
): Clarification | null {
  if (message.is_user || message.needs_clarification !== true) return null;
  const questions = (message.follow_up_questions ?? []).filter((question) => question.trim() !== '');
  return { questions };
}
