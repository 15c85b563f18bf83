import { Id, IdParam, PromptVersionRecord, Timestamp } from '@coach/core';
import { z } from 'zod';

export { toPromptVersionDto, toPromptVersionsByName } from '@coach/data';

import { type PromptRow, type PromptVersionRow, toPromptVersionDto } from '@coach/data';
import { iso, QueryBool } from '../http/params.ts';

export const MAX_PROMPT_TEXT_LENGTH = 100_000;

/** Prompt names are identifiers the Brain looks up (`simplified_conversation`, `memory_generation`). */
export const PromptName = z
  .string({ error: 'is required and must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'can have at most 100 characters' })
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'may use only letters, digits, and _ . -' })
  // an all-digit {p} in a path is read as an id, so such a name could never be looked up
  .refine((name) => !/^\d+$/.test(name), { error: 'must not be all digits' });

export const PromptText = z
  .string({ error: 'is required and must be a string' })
  .max(MAX_PROMPT_TEXT_LENGTH, { error: `can have at most ${MAX_PROMPT_TEXT_LENGTH} characters` })
  .refine((text) => text.trim() !== '', { error: 'must not be empty' });

const Description = z.string().max(1_000, { error: 'can have at most 1000 characters' });

/** `{p}` in a path: all digits is a prompt id, anything else a prompt name. */
export type PromptRef = { id: number } | { name: string };

const PromptRefParam = z
  .string()
  .max(100, { error: 'a prompt name can have at most 100 characters' })
  .transform((value, ctx): PromptRef => {
    if (!/^\d+$/.test(value)) return { name: value };
    const id = IdParam.safeParse(value);
    if (id.success) return { id: id.data };
    ctx.addIssue({ code: 'custom', message: id.error.issues[0]?.message ?? 'must be an integer id' });
    return z.NEVER;
  })
  .describe('a prompt id (all digits) or a prompt name');

export const PromptRefParams = z.object({ p: PromptRefParam });

/**
 * `{id}` of PUT and DELETE /api/prompts/{id}: an id only. The path segment is still named `p`, because
 * OpenAPI treats /api/prompts/{id} and /api/prompts/{p} as one path that must not be declared twice.
 */
export const PromptIdParams = z.object({ p: IdParam.describe('a prompt id') });

const VersionNumber = z.coerce
  .number({ error: 'must be an integer version number' })
  .int({ error: 'must be an integer version number' })
  .positive({ error: 'must be a positive version number' })
  .max(2_147_483_647, { error: 'is too large for a version number' });

export const VersionNumberParams = z.object({
  p: PromptRefParam,
  n: VersionNumber,
});

export const CreatePromptBody = z.object({
  name: PromptName,
  description: Description.nullish(),
  // a blank text (an empty form field) creates the prompt without versions
  initial_version_text: z
    .string()
    .max(MAX_PROMPT_TEXT_LENGTH, { error: `can have at most ${MAX_PROMPT_TEXT_LENGTH} characters` })
    .nullish(),
});

/** Absent fields stay as they are; `description: null` clears the description. */
export const UpdatePromptBody = z.object({ name: PromptName.optional(), description: Description.nullish() });

export const CreateVersionQuery = z.object({ set_active: QueryBool.default(false) });

export const CreateVersionBody = z.object({
  prompt_text: PromptText,
  is_production: z.boolean({ error: 'must be true or false' }).default(false),
});

export const LintBody = z.object({ prompt_text: z.string().max(MAX_PROMPT_TEXT_LENGTH) });

export const LintProblem = z
  .object({
    line: z.number().int().describe('1-based'),
    column: z.number().int().describe('1-based, in UTF-16 code units'),
    text: z.string().describe('the token as written'),
    message: z.string(),
    suggestion: z.string().optional().describe('the nearest valid placeholder'),
  })
  .meta({ id: 'LintProblem' });

export const LintWarning = z
  .object({
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    text: z.string().optional(),
    message: z.string(),
  })
  .meta({ id: 'LintWarning' });

export const PromptLint = z
  .object({ problems: z.array(LintProblem), warnings: z.array(LintWarning) })
  .meta({ id: 'PromptLint' });

/** Absent or null fields take their defaults (the active version, the latest conversation, a sample query). */
export const PreviewBody = z.object({
  user_id: Id.describe('the student whose next turn is previewed'),
  prompt_text: z
    .string()
    .max(MAX_PROMPT_TEXT_LENGTH, { error: `can have at most ${MAX_PROMPT_TEXT_LENGTH} characters` })
    .nullish()
    .describe('a text to preview (wins over version_number)'),
  version_number: VersionNumber.nullish().describe("one of the prompt's versions; default the active one"),
  conversation_id: Id.nullish().describe("one of the student's conversations; default their latest"),
  query: z.string().max(100_000).nullish().describe("the student's next message; default a visible stand-in"),
});

export const PromptPreview = z
  .object({
    rendered: z.string().describe('the exact prompt text'),
    injections: z
      .array(
        z.object({
          placeholder: z.string().describe('the token as the template wrote it'),
          start: z.number().int(),
          end: z.number().int().describe('rendered.slice(start, end) is what the token became'),
        }),
      )
      .describe('every replaced token, in order'),
    persona_revision: z
      .object({ id: z.number().int(), number: z.number().int() })
      .nullable()
      .describe("the student's current persona revision, the one rendered; null when they have no persona"),
  })
  .meta({ id: 'PromptPreview' });

export const SavedPromptVersion = PromptVersionRecord.extend({ warnings: z.array(LintWarning) }).meta({
  id: 'SavedPromptVersion',
});

export const SetActiveBody = z.object({ version_id: Id });

export const Purpose = z.enum(['chat', 'test-prompt'], { error: 'must be chat or test-prompt' });
export type Purpose = z.infer<typeof Purpose>;

export const VersionForPurposeParams = z.object({ name: PromptName, purpose: Purpose });
export const PurposeParams = z.object({ purpose: Purpose });

export const EnsurePromptsBody = z.object({
  prompts: z
    .array(z.object({ name: PromptName, description: Description.nullish(), prompt_text: PromptText }))
    .max(200, { error: 'can hold at most 200 prompts' })
    .refine((list) => new Set(list.map((p) => p.name)).size === list.length, {
      error: 'must not name the same prompt twice',
    }),
});

export const EnsurePromptsResult = z
  .object({
    created: z.array(z.string()).describe('prompts created now, with version 1 active and production'),
    existing: z.array(z.string()).describe('prompts that already existed; left untouched'),
  })
  .meta({ id: 'EnsurePromptsResult' });

export const PromptSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    active_version_number: z.number().int().nullable(),
    active_version_text: z.string().nullable(),
  })
  .meta({ id: 'PromptSummary' });

export const PromptDetail = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    versions: z.array(PromptVersionRecord),
    active_prompt_version: PromptVersionRecord.nullable(),
  })
  .meta({ id: 'Prompt' });

export const CreatedPrompt = PromptDetail.extend({ warnings: z.array(LintWarning) }).meta({ id: 'CreatedPrompt' });

export function toPromptSummaryDto(row: {
  prompt: PromptRow;
  activeVersionNumber: number | null;
  activeVersionText: string | null;
}) {
  return {
    id: row.prompt.id,
    name: row.prompt.name,
    description: row.prompt.description,
    created_at: iso(row.prompt.createdAt),
    updated_at: iso(row.prompt.updatedAt),
    active_version_number: row.activeVersionNumber,
    active_version_text: row.activeVersionText,
  };
}

/** A prompt with all its versions (ascending) and the active one: the shape of GET /api/prompts/{p}. */
export function toPromptDto(prompt: PromptRow, versions: PromptVersionRow[]) {
  const active = versions.find((v) => v.isActive);
  return {
    id: prompt.id,
    name: prompt.name,
    description: prompt.description,
    created_at: iso(prompt.createdAt),
    updated_at: iso(prompt.updatedAt),
    versions: versions.map(toPromptVersionDto),
    active_prompt_version: active ? toPromptVersionDto(active) : null,
  };
}
