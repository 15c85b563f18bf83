import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { errorAnswerOptions, installErrorHandler } from './http-errors.ts';
import { rejectUnstorableBodies } from './json-input.ts';

/** A Fastify app whose routes are typed and validated by their zod schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpAppOptions {
  /** The OpenAPI document's title and one-line description; it is served at /docs/json, its UI at /docs. */
  api: { title: string; description: string };
  /** Request logs go here; none when absent (tests). */
  logger?: FastifyBaseLogger | undefined;
  /** The largest request body accepted (413 beyond it); Fastify's 1 MiB when absent. */
  bodyLimit?: number | undefined;
  /** Told about every route as it is registered (tests list the routes to check each one's access). */
  onRoute?: ((route: RouteOptions) => void) | undefined;
  /** The Content-Security-Policy of the /docs pages, for an app that sends a stricter one everywhere else. */
  docsContentSecurityPolicy?: string | undefined;
}

/**
 * The HTTP app both services start from: zod validation and serialization, the one error handler (every
 * error a JSON `detail`), bodies that could not be stored refused, a request id per request (the
 * caller's `x-request-id` or a new one, echoed back), and the OpenAPI description with its UI at /docs.
 * Each service adds its own routes and plugins.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(options.bodyLimit !== undefined && { bodyLimit: options.bodyLimit }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
    ...errorAnswerOptions,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  rejectUnstorableBodies(app);
  // A request that was running when closing began ends its keep-alive connection with its answer: the
  // idle connections were closed when closing began, and one that goes idle later would keep the server
  // open for the whole keep-alive timeout (72 s).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  await app.register(swagger, {
    openapi: {
      info: { ...options.api, version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    ...(options.docsContentSecurityPolicy && { staticCSP: options.docsContentSecurityPolicy }),
  });
  return app;
}
