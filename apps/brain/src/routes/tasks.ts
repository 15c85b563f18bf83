import type { HttpApp } from '@coach/runtime';
import type { BrainDeps } from '../app.ts';
import type { ServiceGuard } from '../auth.ts';
import { generateMemoryBatch } from '../generation/memory-batch.ts';
import { generatePersonaTask } from '../generation/persona.ts';
import { TaskBody, TaskQuery } from '../schemas.ts';
import { asUpstreamError } from './upstream-error.ts';

/** `POST /tasks`: memories or a persona, generated now (`?wait=true`) or queued as a durable job. */
export function registerTaskRoutes(
  app: HttpApp,
  deps: Pick<BrainDeps, 'backend' | 'llm' | 'config'>,
  guard: ServiceGuard,
): void {
  const generationDeps = { backend: deps.backend, llm: deps.llm, concurrency: deps.config.memoryConcurrency };
  app.post(
    '/tasks',
    {
      onRequest: guard,
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
}
