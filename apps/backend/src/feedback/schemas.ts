import { JsonObject, Timestamp } from '@coach/core';
import { z } from 'zod';

export const FeedbackBody = z.object({ feedback_data: JsonObject });

export const FeedbackDto = z
  .object({ id: z.number().int(), user_id: z.number().int(), feedback_data: JsonObject, created_at: Timestamp })
  .meta({ id: 'Feedback' });
