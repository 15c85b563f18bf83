import { JsonObject, Timestamp } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { FeedbackRow } from './repository.ts';

export const FeedbackBody = z.object({ feedback_data: JsonObject });

export const FeedbackDto = z
  .object({ id: z.number().int(), user_id: z.number().int(), feedback_data: JsonObject, created_at: Timestamp })
  .meta({ id: 'Feedback' });

export function toFeedbackDto(row: FeedbackRow) {
  return { id: row.id, user_id: row.userId, feedback_data: row.feedbackData, created_at: iso(row.createdAt) };
}
