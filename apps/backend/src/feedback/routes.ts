import type { AppContext, ZodApp } from '../app-context.ts';
import { currentUser } from '../http/auth.ts';
import { createFeedbackRepository, toFeedbackDto } from './repository.ts';
import { FeedbackBody, FeedbackDto } from './schemas.ts';

export function registerFeedbackRoutes(app: ZodApp, ctx: AppContext): void {
  const repo = createFeedbackRepository(ctx.db);
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
    async (request) => {
      return toFeedbackDto(await repo.add(currentUser(request).id, request.body.feedback_data));
    },
  );
}
