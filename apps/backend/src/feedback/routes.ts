import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { createFeedbackRepository } from './repository.ts';
import { FeedbackBody, FeedbackDto, toFeedbackDto } from './schemas.ts';
import { createFeedbackService } from './service.ts';

export function registerFeedbackRoutes(app: ZodApp, ctx: AppContext): void {
  const feedback = createFeedbackService({ feedback: createFeedbackRepository(ctx.db) });

  app.post(
    '/api/feedback/',
    {
      onRequest: ctx.guards.user,
      schema: {
        tags: ['feedback'],
        summary: 'Send feedback (e.g. thumbs up/down on a reply)',
        body: FeedbackBody,
        response: { 200: FeedbackDto },
      },
    },
    async (request) => toFeedbackDto(await feedback.give(currentUser(request).id, request.body.feedback_data)),
  );
}
