import { randomUUID } from 'node:crypto';
import { FlowConfig } from '@coach/core';
import { errorAnswerOptions, HttpError, installErrorHandler, rejectUnstorableBodies } from '@coach/runtime';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createServiceGuard } from './auth.ts';
import type { BackendClient } from './backend-client.ts';
import { BackendError } from './backend-client.ts';
import type { BrainConfig } from './config.ts';
import { generateMemoryBatch, generatePersonaTask } from './generation/tasks.ts';
import type { LlmClient } from './llm/client.ts';
import { LlmCallError } from './llm/errors.ts';
import { ConfigView, PipelineResult, QueryBody, TaskBody, TaskQuery } from './schemas.ts';
import { answerTurn } from './turns/chat-turn.ts';

export interface BrainDeps {
  config: BrainConfig;
  backend: BackendClient;
  llm: LlmClient;
  tokens: { internalToken: string; adminToken?: string | undefined };
  /** One line saying which model answers, for /health. */
  llmDescription: string;
  logger?: FastifyBaseLogger;
  /** Told about every route as it is registered (tests list the routes to check each one's access). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * FlowConfig as JSON schema, its fields in `properties` at the top as clients read them (the original's
 * pydantic schema). An empty registry hides the OpenAPI id, which would make the root a bare `$ref`.
 */
const FLOW_CONFIG_JSON_SCHEMA: Record<string, unknown> = {
  title: 'FlowConfig',
  ...z.toJSONSchema(FlowConfig, { io: 'input', metadata: z.registry() }),
};

/** The Brain's HTTP API (API.md, Brain table). Chat turns normally arrive through the queue instead. */
export async function createBrainApp(deps: BrainDeps) {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ...errorAnswerOptions,
  }).withTypeProvider<ZodTypeProvider>();
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  rejectUnstorableBodies(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Curiosity Coach Brain',
        description: 'Chat turns, memory and persona generation.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const onRequest = createServiceGuard(deps.tokens);
  const pipelineDeps = { backend: deps.backend, llm: deps.llm, maxSnippetLength: deps.config.maxSnippetLength };
  const generationDeps = { backend: deps.backend, llm: deps.llm, concurrency: deps.config.memoryConcurrency };

  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.string(), llm: z.string() }) } } },
    async () => ({
      status: 'ok',
      llm: deps.llmDescription,
    }),
  );

  app.post(
    '/query',
    {
      onRequest,
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

  app.post(
    '/tasks',
    {
      onRequest,
      schema: {
        tags: ['generation'],
        summary: 'Generate memories for conversations, or a persona for a student',
        body: TaskBody,
        querystring: TaskQuery,
      },
    },
    async (request, reply) => {
      const task = request.body;
      if (request.query.wait) {
        const results =
          task.task_type === 'GENERATE_MEMORY_BATCH'
            ? (await generateMemoryBatch(task.conversation_ids, generationDeps)).items
            : [await generatePersonaTask(task.user_id, generationDeps)];
        return reply.status(200).send({ task_type: task.task_type, results });
      }
      // the durable queue: the Backend creates the job row and its pg-boss job together
      try {
        const { job_id, joined } = await deps.backend.enqueueGeneration(task);
        return reply.status(202).send({ task_type: task.task_type, status: 'accepted', job_id, joined });
      } catch (error) {
        throw asUpstreamError(error);
      }
    },
  );

  app.get(
    '/get-config',
    {
      onRequest,
      schema: { tags: ['config'], summary: 'FlowConfig schema and stored values', response: { 200: ConfigView } },
    },
    async () => ({
      schema: FLOW_CONFIG_JSON_SCHEMA,
      current_values: await deps.backend.getFlowConfig(),
    }),
  );

  app.post(
    '/set-config',
    {
      onRequest,
      schema: {
        tags: ['config'],
        summary: 'Replace the FlowConfig',
        body: FlowConfig,
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      try {
        await deps.backend.setFlowConfig(request.body);
      } catch (error) {
        // the Backend's refusal (422) is the caller's, not a failure of ours
        throw asUpstreamError(error);
      }
      return { message: 'Configuration updated successfully.' };
    },
  );

  return app;
}

/**
 * A model failure during `/query` is the upstream's fault: 502 with the reason. A Backend 4xx (an
 * unknown conversation, a message of another user) is the caller's, and keeps its status.
 */
function asUpstreamError(error: unknown): unknown {
  if (error instanceof LlmCallError) return new HttpError(502, `The language model failed: ${error.message}`);
  if (error instanceof BackendError) {
    return new HttpError(error.status >= 400 && error.status < 500 ? error.status : 502, error.message);
  }
  return error;
}
