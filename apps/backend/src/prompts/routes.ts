import { PromptVersionRecord } from '@coach/core';
import {
  createConversationsRepository,
  createFlowConfigRepository,
  createMemoriesRepository,
  createMessagesRepository,
  createPersonasRepository,
  createPromptsRepository,
} from '@coach/data';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../app-context.ts';
import { createFlowConfigService } from '../flow-config/service.ts';
import { actorOf } from '../http/auth.ts';
import { createPersonaRevisionsRepository } from '../persona-revisions/repository.ts';
import { createUsersRepository } from '../users/repository.ts';
import {
  CreatedPrompt,
  CreatePromptBody,
  CreateVersionBody,
  CreateVersionQuery,
  EnsurePromptsBody,
  EnsurePromptsResult,
  LintBody,
  PreviewBody,
  PromptDetail,
  PromptIdParams,
  PromptLint,
  PromptPreview,
  PromptRefParams,
  PromptSummary,
  PurposeParams,
  SavedPromptVersion,
  SetActiveBody,
  toPromptDto,
  toPromptSummaryDto,
  toPromptVersionDto,
  toPromptVersionsByName,
  UpdatePromptBody,
  VersionForPurposeParams,
  VersionNumberParams,
} from './schemas.ts';
import {
  createPromptPreviewService,
  createPromptsService,
  type NamedVersion,
  type PromptWithVersions,
} from './service.ts';

const detail = ({ prompt, versions }: PromptWithVersions) => toPromptDto(prompt, versions);

export function registerPromptRoutes(app: ZodApp, ctx: AppContext): void {
  const repository = createPromptsRepository(ctx.db);
  const prompts = createPromptsService(repository, ctx.db);
  const previews = createPromptPreviewService({
    prompts: repository,
    users: createUsersRepository(ctx.db),
    personas: createPersonasRepository(ctx.db),
    revisions: createPersonaRevisionsRepository(ctx.db),
    conversations: createConversationsRepository(ctx.db),
    memories: createMemoriesRepository(ctx.db),
    messages: createMessagesRepository(ctx.db),
    flowConfig: createFlowConfigService({ flowConfig: createFlowConfigRepository(ctx.db) }),
    maxSnippetLength: ctx.config.maxSnippetLength,
  });
  const tags = ['prompts'];
  // operators write prompts; the Brain reads them too
  const write = ctx.guards.staff('admin');
  // the Brain reads prompts with the internal token, operators with theirs
  const read = ctx.guards.internalOrStaff('read');
  // trying a prompt out (lint, preview) is an operator's read, not the Brain's
  const tryOut = ctx.guards.staff('read');

  app.post(
    '/api/prompts',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Create a prompt (with version 1, active, when an initial text is given)',
        body: CreatePromptBody,
        response: { 201: CreatedPrompt },
      },
    },
    async (request, reply) => {
      const { name, description, initial_version_text } = request.body;
      const created = await prompts.create(actorOf(request), {
        name,
        description,
        initialVersionText: initial_version_text,
      });
      return reply.status(201).send({ ...detail(created), warnings: created.warnings });
    },
  );

  app.get(
    '/api/prompts',
    {
      onRequest: read,
      schema: { tags, summary: 'Every prompt with its active version', response: { 200: z.array(PromptSummary) } },
    },
    async () => (await prompts.list()).map(toPromptSummaryDto),
  );

  app.get(
    '/api/prompts/:p',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'A prompt with all its versions',
        params: PromptRefParams,
        response: { 200: PromptDetail },
      },
    },
    async (request) => detail(await prompts.get(request.params.p)),
  );

  app.put(
    '/api/prompts/:p',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Rename a prompt or change its description',
        params: PromptIdParams,
        body: UpdatePromptBody,
        response: { 200: PromptDetail },
      },
    },
    async (request) => detail(await prompts.update(actorOf(request), request.params.p, request.body)),
  );

  app.delete(
    '/api/prompts/:p',
    { onRequest: write, schema: { tags, summary: 'Delete a prompt and its versions', params: PromptIdParams } },
    async (request, reply) => {
      await prompts.remove(actorOf(request), request.params.p);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/prompts/:p/versions',
    {
      onRequest: write,
      schema: {
        tags,
        summary: "Add the prompt's next version",
        params: PromptRefParams,
        querystring: CreateVersionQuery,
        body: CreateVersionBody,
        response: { 201: SavedPromptVersion },
      },
    },
    async (request, reply) => {
      const { version, warnings } = await prompts.addVersion(actorOf(request), request.params.p, {
        promptText: request.body.prompt_text,
        setActive: request.query.set_active,
        isProduction: request.body.is_production,
      });
      return reply.status(201).send({ ...toPromptVersionDto(version), warnings });
    },
  );

  app.post(
    '/api/prompts/:p/lint',
    {
      onRequest: tryOut,
      schema: {
        tags,
        summary: 'Check a text as a version of this prompt: placeholder problems and warnings; nothing is saved',
        params: PromptRefParams,
        body: LintBody,
        response: { 200: PromptLint },
      },
    },
    async (request) => prompts.lint(request.params.p, request.body.prompt_text),
  );

  app.post(
    '/api/prompts/:p/preview',
    {
      onRequest: tryOut,
      schema: {
        tags,
        summary: "The exact prompt a student's next turn would get from a text or version; nothing is written",
        params: PromptRefParams,
        body: PreviewBody,
        response: { 200: PromptPreview },
      },
    },
    async (request) => {
      const { user_id, prompt_text, version_number, conversation_id, query } = request.body;
      const preview = await previews.preview(request.params.p, {
        userId: user_id,
        promptText: prompt_text ?? undefined,
        versionNumber: version_number ?? undefined,
        conversationId: conversation_id ?? undefined,
        query: query ?? undefined,
      });
      return { rendered: preview.rendered, injections: preview.injections, persona_revision: preview.personaRevision };
    },
  );

  app.get(
    '/api/prompts/:p/versions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: "A prompt's versions, oldest first",
        params: PromptRefParams,
        response: { 200: z.array(PromptVersionRecord) },
      },
    },
    async (request) => (await prompts.listVersions(request.params.p)).map(toPromptVersionDto),
  );

  app.post(
    '/api/prompts/:p/versions/set-active',
    {
      onRequest: write,
      schema: {
        tags,
        summary: "Make one of the prompt's versions the active one",
        params: PromptRefParams,
        body: SetActiveBody,
        response: { 200: PromptDetail },
      },
    },
    async (request) => detail(await prompts.setActive(actorOf(request), request.params.p, request.body.version_id)),
  );

  for (const which of ['active', 'production', 'earliest'] as const satisfies readonly NamedVersion[]) {
    app.get(
      `/api/prompts/:p/versions/${which}`,
      {
        onRequest: read,
        schema: {
          tags,
          summary: `The prompt's ${which} version`,
          params: PromptRefParams,
          response: { 200: PromptVersionRecord },
        },
      },
      async (request) => toPromptVersionDto(await prompts.findNamedVersion(request.params.p, which)),
    );
  }

  app.post(
    '/api/prompts/:p/versions/:n/set-production',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Make version n the production version (the others lose the flag)',
        params: VersionNumberParams,
        response: { 200: PromptVersionRecord },
      },
    },
    async (request) =>
      toPromptVersionDto(await prompts.setProduction(actorOf(request), request.params.p, request.params.n)),
  );

  app.delete(
    '/api/prompts/:p/versions/:n/unset-production',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Take the production flag from version n',
        params: VersionNumberParams,
        response: { 200: PromptVersionRecord },
      },
    },
    async (request) =>
      toPromptVersionDto(await prompts.unsetProduction(actorOf(request), request.params.p, request.params.n)),
  );

  app.post(
    '/api/internal/prompts/ensure',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "Store the Brain's built-in prompts as version 1 (active, production) of every missing prompt",
        body: EnsurePromptsBody,
        response: { 200: EnsurePromptsResult },
      },
    },
    async (request) => prompts.ensure(request.body.prompts),
  );

  app.get(
    '/api/internal/prompts/:name/version-for/:purpose',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: 'The version a chat turn uses: production for chat, active for test-prompt',
        params: VersionForPurposeParams,
        response: { 200: PromptVersionRecord },
      },
    },
    async (request) => toPromptVersionDto(await prompts.versionForPurpose(request.params.name, request.params.purpose)),
  );

  app.get(
    '/api/internal/prompts/versions-for/:purpose',
    {
      onRequest: ctx.guards.internal,
      schema: {
        tags: ['internal'],
        summary: "Every prompt's version for a purpose, by prompt name (one read per chat turn)",
        params: PurposeParams,
        response: { 200: z.record(z.string(), PromptVersionRecord) },
      },
    },
    async (request) => toPromptVersionsByName(await prompts.versionsForPurpose(request.params.purpose)),
  );
}
