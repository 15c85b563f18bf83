import {
  GenerationJobRecord,
  GenerationJobStatus,
  IdParam,
  JobCompleteBody,
  JobFailBody,
  JobProgressBody,
  JobStartBody,
  JobStarted,
  JobStopBody,
} from '@coach/core';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { createUsageService } from '../usage/service.ts';
import { BudgetQuery, ResumedJob, runBudgetOf, toJobDto } from './schemas.ts';
import { createJobService } from './service.ts';

const JobIdParams = z.object({ job_id: IdParam });

/**
 * Job status for operators, and the internal routes through which the Brain reports on a job it
 * works on (it never touches the table itself). A report about a settled job or an out-of-date
 * attempt is 409: the Brain then stops without changing anything.
 */
export function registerJobRoutes(app: ZodApp, ctx: AppContext): void {
  const jobs = createJobService(ctx);
  const usage = createUsageService(ctx.db);
  const internal = { onRequest: ctx.guards.internal };
  const tags = ['internal'];
  const response = { 200: GenerationJobRecord };

  app.get(
    '/api/tasks/jobs/:job_id',
    {
      onRequest: ctx.guards.staff('read'),
      schema: {
        tags: ['tasks'],
        summary: 'State, progress and result of a generation job',
        params: JobIdParams,
        response: { 200: GenerationJobStatus },
      },
    },
    async (request) => {
      const job = await jobs.get(request.params.job_id);
      return { ...toJobDto(job), usage: await usage.jobUsage(job.id) };
    },
  );

  app.post(
    '/api/tasks/jobs/:job_id/resume',
    {
      onRequest: ctx.guards.staff('admin'),
      schema: {
        tags: ['tasks'],
        summary: 'A stopped job goes on with what it has left, with a new budget (docs/api/tasks-and-jobs.md)',
        params: JobIdParams,
        querystring: BudgetQuery,
        response: { 202: ResumedJob },
      },
    },
    async (request, reply) => {
      const job = await jobs.resume(actorOf(request), request.params.job_id, runBudgetOf(request.query));
      return reply.status(202).send({ job_id: job.id });
    },
  );

  app.post(
    '/api/internal/jobs/:job_id/start',
    {
      ...internal,
      schema: {
        tags,
        summary: 'An attempt begins; the answer says what it may spend',
        params: JobIdParams,
        body: JobStartBody,
        response: { 200: JobStarted },
      },
    },
    async (request) => {
      const { job, limits } = await jobs.start(request.params.job_id, request.body.attempt);
      return { ...toJobDto(job), limits };
    },
  );

  app.post(
    '/api/internal/jobs/:job_id/progress',
    {
      ...internal,
      schema: { tags, summary: 'Items done so far', params: JobIdParams, body: JobProgressBody, response },
    },
    async (request) => {
      const { attempt, done, total } = request.body;
      return toJobDto(await jobs.progress(request.params.job_id, attempt, done, total));
    },
  );

  app.post(
    '/api/internal/jobs/:job_id/complete',
    { ...internal, schema: { tags, summary: 'The job is done', params: JobIdParams, body: JobCompleteBody, response } },
    async (request) => toJobDto(await jobs.complete(request.params.job_id, request.body)),
  );

  app.post(
    '/api/internal/jobs/:job_id/stop',
    {
      ...internal,
      schema: {
        tags,
        summary: 'The attempt reached its budget: the job stops with what it finished and what remains',
        params: JobIdParams,
        body: JobStopBody,
        response,
      },
    },
    async (request) => toJobDto(await jobs.stop(request.params.job_id, request.body)),
  );

  app.post(
    '/api/internal/jobs/:job_id/fail',
    {
      ...internal,
      schema: {
        tags,
        summary: 'An attempt failed (final: false, pg-boss retries it) or the job failed for good',
        params: JobIdParams,
        body: JobFailBody,
        response,
      },
    },
    async (request) => toJobDto(await jobs.fail(request.params.job_id, request.body)),
  );
}
