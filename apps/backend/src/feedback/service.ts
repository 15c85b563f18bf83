import type { FeedbackRepository, FeedbackRow } from './repository.ts';

/** What students tell us about the coach's replies (thumbs up or down, a note). */
export function createFeedbackService(deps: { feedback: FeedbackRepository }) {
  return {
    async give(userId: number, feedbackData: Record<string, unknown>): Promise<FeedbackRow> {
      return deps.feedback.add(userId, feedbackData);
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
