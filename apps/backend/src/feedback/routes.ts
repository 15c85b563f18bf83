import { JsonObject } from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { userFeedback } from '../db/schema.ts';
import { currentUser } from '../http/auth.ts';
import { iso } from '../http/params.ts';

const FeedbackBody = z.object({ feedback_data: JsonObject });
const FeedbackDto = z
  .object({ id: z.number().int(), user_id: z.number().int(), feedback_data: JsonObject, created_at: z.string() })
  .meta({ id: 'Feedback' });

export function registerFeedbackRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/feedback/',
    {
      preHandler: ctx.guards.user,
      schema: {
        tags: ['feedback'],
        summary: 'Send feedback (e.g. thumbs up/down on a reply)',
        body: FeedbackBody,
        response: { 200: FeedbackDto },
      },
    },
    async (request) => {
      const [row] = await ctx.db
        .insert(userFeedback)
        .values({ userId: currentUser(request).id, feedbackData: request.body.feedback_data })
        .returning();
      return { id: row!.id, user_id: row!.userId, feedback_data: row!.feedbackData, created_at: iso(row!.createdAt) };
    },
  );
}
