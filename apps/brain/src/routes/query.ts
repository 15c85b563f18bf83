import type { HttpApp } from '@coach/runtime';
import type { BrainDeps } from '../app.ts';
import type { ServiceGuard } from '../auth.ts';
import { PipelineResult, QueryBody } from '../schemas.ts';
import { answerTurn } from '../turns/chat-turn.ts';
import { asUpstreamError } from './upstream-error.ts';

/** `POST /query`: one chat turn answered within the request, for callers that do not use the queue. */
export function registerQueryRoutes(
  app: HttpApp,
  deps: Pick<BrainDeps, 'turns' | 'llm' | 'config'>,
  guard: ServiceGuard,
): void {
  const pipelineDeps = { turns: deps.turns, llm: deps.llm, maxSnippetLength: deps.config.maxSnippetLength };
  app.post(
    '/query',
    {
      onRequest: guard,
      schema: {
        tags: ['turns'],
        summary: 'Answer one student message now',
        body: QueryBody,
        response: { 200: PipelineResult },
      },
    },
    async (request) => {
      const body = request.body;
      try {
        return await answerTurn(
          {
            userId: body.user_id,
            conversationId: body.conversation_id,
            messageId: body.message_id,
            timestamp: body.timestamp ?? new Date().toISOString(),
            purpose: body.purpose,
            content: body.message_content,
            isFollowUp: body.is_follow_up_response ?? false,
            originalQuery: body.original_query,
            followUpQuestions: body.follow_up_questions,
          },
          pipelineDeps,
        );
      } catch (error) {
        throw asUpstreamError(error);
      }
    },
  );
}
