import {
  type Injection,
  type LintWarning,
  lintTemplate,
  renderTemplateWithInjections,
  settingsStepOf,
  stepSettings,
  type TemplateLint,
  turnTemplateVariables,
} from '@coach/core';
import {
  type AuditActor,
  type ConversationsRepository,
  createPromptsRepository,
  type Db,
  type MemoriesRepository,
  type MessagesRepository,
  type PersonasRepository,
  type PromptRow,
  type PromptsRepository,
  type PromptVersionRow,
} from '@coach/data';
import { BadRequest, Conflict, Invalid, isUniqueViolation, NotFound } from '@coach/runtime';
import { type AuditEntry, audited } from '../audit/repository.ts';
import type { FlowConfigService } from '../flow-config/service.ts';
import { toMessageForModels } from '../messages/schemas.ts';
import type { PersonaRevisionsRepository } from '../persona-revisions/repository.ts';
import type { UsersRepository } from '../users/repository.ts';
import type { PromptRef, Purpose } from './schemas.ts';

export interface PromptWithVersions {
  prompt: PromptRow;
  versions: PromptVersionRow[];
}

/** Which of a prompt's versions a `GET …/versions/{which}` route asks for. */
export type NamedVersion = 'active' | 'production' | 'earliest';

export interface PromptToEnsure {
  name: string;
  description?: string | null | undefined;
  prompt_text: string;
}

const label = (ref: PromptRef) => ('id' in ref ? `${ref.id}` : `'${ref.name}'`);
const nameTaken = (name: string) => new Conflict(`A prompt named '${name}' already exists.`);

/** Lints a text about to be stored: problems refuse it (422 with them), warnings go back with the saved version. */
function lintForSaving(text: string, promptName: string): LintWarning[] {
  const { problems, warnings } = lintTemplate(text, promptName);
  if (problems.length > 0) {
    const count = problems.length === 1 ? 'a placeholder problem' : `${problems.length} placeholder problems`;
    throw new Invalid(`The prompt text has ${count}; nothing was saved.`, { problems });
  }
  return warnings;
}

async function findPromptIn(repo: PromptsRepository, ref: PromptRef): Promise<PromptRow> {
  const prompt = 'id' in ref ? await repo.findById(ref.id) : await repo.findByName(ref.name);
  if (!prompt) throw new NotFound(`Prompt ${label(ref)} not found.`);
  return prompt;
}

/** A prompt's audit entry: `details` name it, so an entry stays readable after the prompt is deleted. */
const promptEntry = (action: string, prompt: PromptRow, details: Record<string, unknown> = {}): AuditEntry => ({
  action,
  targetType: 'prompt',
  targetId: prompt.id,
  details: { name: prompt.name, ...details },
});

const versionDetails = (version: PromptVersionRow) => ({
  version_id: version.id,
  version_number: version.versionNumber,
  is_active: version.isActive,
  is_production: version.isProduction,
});

/** Prompts and their versions; every write takes its actor and is recorded with the change. */
export function createPromptsService(repo: PromptsRepository, db: Db) {
  const findPrompt = (ref: PromptRef) => findPromptIn(repo, ref);
  // a write and its audit entry in one transaction, through the transaction's repository
  const write = <T>(
    actor: AuditActor,
    change: (tx: PromptsRepository) => Promise<T>,
    entry: (result: T) => AuditEntry,
  ) => audited(db, actor, (tx) => change(createPromptsRepository(tx)), entry);

  async function withVersions(prompt: PromptRow): Promise<PromptWithVersions> {
    return { prompt, versions: await repo.listVersions(prompt.id) };
  }

  async function findNumberedVersion(prompt: PromptRow, versionNumber: number): Promise<PromptVersionRow> {
    const version = await repo.findVersionByNumber(prompt.id, versionNumber);
    if (!version) throw new NotFound(`Prompt '${prompt.name}' has no version ${versionNumber}.`);
    return version;
  }

  // the prompt or version disappeared between our read and our write: a concurrent delete
  const vanished = (prompt: PromptRow) => new NotFound(`Prompt '${prompt.name}' was deleted meanwhile.`);

  return {
    list: () => repo.listWithActiveVersion(),

    get: async (ref: PromptRef) => withVersions(await findPrompt(ref)),

    async create(
      actor: AuditActor,
      input: {
        name: string;
        description?: string | null | undefined;
        initialVersionText?: string | null | undefined;
      },
    ): Promise<PromptWithVersions & { warnings: LintWarning[] }> {
      const text = input.initialVersionText;
      const warnings = text?.trim() ? lintForSaving(text, input.name) : [];
      const prompt = await write(
        actor,
        async (tx) => {
          const created = await tx.create({
            name: input.name,
            description: input.description ?? null,
            // the API's promise: an initial text becomes version 1, active (promoting it is a separate step)
            ...(text?.trim() ? { firstVersion: { promptText: text, isActive: true, isProduction: false } } : {}),
          });
          if (!created) throw nameTaken(input.name);
          return created;
        },
        (created) => promptEntry('prompt.create', created, { with_version: Boolean(text?.trim()) }),
      );
      return { ...(await withVersions(prompt)), warnings };
    },

    async update(
      actor: AuditActor,
      id: number,
      changes: { name?: string | undefined; description?: string | null | undefined },
    ): Promise<PromptWithVersions> {
      const given: { name?: string; description?: string | null } = {};
      if (changes.name !== undefined) given.name = changes.name;
      if (changes.description !== undefined) given.description = changes.description;
      if (Object.keys(given).length === 0) return withVersions(await findPrompt({ id }));
      try {
        const prompt = await write(
          actor,
          async (tx) => {
            const updated = await tx.update(id, given);
            if (!updated) throw new NotFound(`Prompt ${id} not found.`);
            return updated;
          },
          (updated) => promptEntry('prompt.update', updated, { changes: given }),
        );
        return withVersions(prompt);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(changes.name ?? '');
        throw error;
      }
    },

    async remove(actor: AuditActor, id: number): Promise<void> {
      const prompt = await repo.findById(id);
      if (!prompt) throw new NotFound(`Prompt ${id} not found.`);
      await write(
        actor,
        async (tx) => {
          if (!(await tx.remove(id))) throw new NotFound(`Prompt ${id} not found.`);
        },
        () => promptEntry('prompt.delete', prompt),
      );
    },

    listVersions: async (ref: PromptRef) => repo.listVersions((await findPrompt(ref)).id),

    async addVersion(
      actor: AuditActor,
      ref: PromptRef,
      input: { promptText: string; setActive: boolean; isProduction: boolean },
    ): Promise<{ version: PromptVersionRow; warnings: LintWarning[] }> {
      const prompt = await findPrompt(ref);
      const warnings = lintForSaving(input.promptText, prompt.name);
      // versions are written with the admin token: no student is their author, so user_id stays null
      const version = await write(
        actor,
        async (tx) => {
          const added = await tx.addVersion(prompt.id, {
            promptText: input.promptText,
            isActive: input.setActive,
            isProduction: input.isProduction,
          });
          if (!added) throw vanished(prompt);
          return added;
        },
        (added) => promptEntry('prompt.version.create', prompt, versionDetails(added)),
      );
      return { version, warnings };
    },

    /** What saving this text as a version of the prompt would say: problems and warnings, nothing stored. */
    async lint(ref: PromptRef, text: string): Promise<TemplateLint> {
      return lintTemplate(text, (await findPrompt(ref)).name);
    },

    async setActive(actor: AuditActor, ref: PromptRef, versionId: number): Promise<PromptWithVersions> {
      const prompt = await findPrompt(ref);
      const version = await repo.findVersionById(versionId);
      if (!version) throw new NotFound(`Prompt version ${versionId} not found.`);
      if (version.promptId !== prompt.id) {
        throw new BadRequest(
          `Prompt version ${versionId} belongs to another prompt (id ${version.promptId}), not to '${prompt.name}'.`,
        );
      }
      await write(
        actor,
        async (tx) => (await tx.setFlag(prompt.id, version.id, 'isActive')) ?? Promise.reject(vanished(prompt)),
        (active) => promptEntry('prompt.version.set_active', prompt, versionDetails(active)),
      );
      // read again: the switch moved the prompt's updated_at
      return withVersions(await findPrompt({ id: prompt.id }));
    },

    async findNamedVersion(ref: PromptRef, which: NamedVersion): Promise<PromptVersionRow> {
      const prompt = await findPrompt(ref);
      const version =
        which === 'active'
          ? await repo.findActiveVersion(prompt.id)
          : which === 'production'
            ? await repo.findProductionVersion(prompt.id)
            : await repo.findEarliestVersion(prompt.id);
      if (!version) {
        throw new NotFound(
          which === 'earliest'
            ? `Prompt '${prompt.name}' has no versions yet.`
            : `Prompt '${prompt.name}' has no ${which} version.`,
        );
      }
      return version;
    },

    async setProduction(actor: AuditActor, ref: PromptRef, versionNumber: number): Promise<PromptVersionRow> {
      const prompt = await findPrompt(ref);
      const version = await findNumberedVersion(prompt, versionNumber);
      return write(
        actor,
        async (tx) => (await tx.setFlag(prompt.id, version.id, 'isProduction')) ?? Promise.reject(vanished(prompt)),
        (updated) => promptEntry('prompt.version.set_production', prompt, versionDetails(updated)),
      );
    },

    async unsetProduction(actor: AuditActor, ref: PromptRef, versionNumber: number): Promise<PromptVersionRow> {
      const prompt = await findPrompt(ref);
      const version = await findNumberedVersion(prompt, versionNumber);
      return write(
        actor,
        async (tx) => (await tx.unsetProduction(prompt.id, version.id)) ?? Promise.reject(vanished(prompt)),
        (updated) => promptEntry('prompt.version.unset_production', prompt, versionDetails(updated)),
      );
    },

    /**
     * Creates each missing prompt with version 1, active and production; existing prompts are
     * left untouched. Safe when several processes ensure the same prompts at once: only the one
     * whose insert wins creates the version.
     */
    async ensure(wanted: PromptToEnsure[]): Promise<{ created: string[]; existing: string[] }> {
      const created: string[] = [];
      const existing: string[] = [];
      // one transaction per prompt: two callers never wait on each other's locks in a different order
      for (const item of wanted) {
        const prompt = await repo.create({
          name: item.name,
          description: item.description ?? null,
          firstVersion: { promptText: item.prompt_text, isActive: true, isProduction: true },
        });
        (prompt ? created : existing).push(item.name);
      }
      return { created, existing };
    },

    /** Every prompt's version for a purpose (production for chat, active for test-prompt), by prompt name. */
    async versionsForPurpose(purpose: Purpose) {
      return repo.findVersionsForPurpose(purpose);
    },

    async versionForPurpose(promptName: string, purpose: Purpose): Promise<PromptVersionRow> {
      const version = await repo.findVersionForPurpose(promptName, purpose);
      if (version) return version;
      await findPrompt({ name: promptName });
      const which = purpose === 'chat' ? 'production' : 'active';
      throw new NotFound(`Prompt '${promptName}' has no ${which} version (used for purpose ${purpose}).`);
    },
  };
}
export type PromptsService = ReturnType<typeof createPromptsService>;

/** What a preview's `{{QUERY}}` becomes when the operator types no query: visibly a stand-in. */
export const PREVIEW_SAMPLE_QUERY = "(the student's next message)";

export interface PromptPreview {
  rendered: string;
  injections: Injection[];
  /** The persona revision the preview read (the student's current one); null when they have no persona. */
  personaRevision: { id: number; number: number } | null;
}

/**
 * The exact prompt a student's next chat turn would get from a text or version: read-only, no model call.
 * Rendered by the same core functions as the Brain's steps, from the same rows its turn context reads.
 */
export function createPromptPreviewService(deps: {
  prompts: PromptsRepository;
  users: UsersRepository;
  personas: PersonasRepository;
  revisions: Pick<PersonaRevisionsRepository, 'findById'>;
  conversations: ConversationsRepository;
  memories: MemoriesRepository;
  messages: MessagesRepository;
  flowConfig: FlowConfigService;
  /** The Brain's PLACEHOLDER_MAX_LENGTH: snippets are cut as a turn would cut them. */
  maxSnippetLength?: number | undefined;
}) {
  const snippetOptions = deps.maxSnippetLength === undefined ? {} : { maxSnippetLength: deps.maxSnippetLength };

  /** The text to render: the one given, else version n, else the active version (as a trial turn uses). */
  async function chooseText(ref: PromptRef, promptText: string | undefined, versionNumber: number | undefined) {
    const prompt = await findPromptIn(deps.prompts, ref);
    if (promptText !== undefined) return { prompt, text: promptText };
    const version =
      versionNumber === undefined
        ? await deps.prompts.findActiveVersion(prompt.id)
        : await deps.prompts.findVersionByNumber(prompt.id, versionNumber);
    if (!version) {
      throw new NotFound(
        versionNumber === undefined
          ? `Prompt '${prompt.name}' has no active version.`
          : `Prompt '${prompt.name}' has no version ${versionNumber}.`,
      );
    }
    return { prompt, text: version.promptText };
  }

  /** The chosen conversation, only if it is the student's; without one, their latest (or none yet). */
  async function chooseConversation(userId: number, conversationId: number | undefined) {
    if (conversationId === undefined) {
      const [latest] = await deps.conversations.listForUser(userId, 1, 0);
      return latest;
    }
    const owned = await deps.conversations.findOwned(conversationId, userId);
    if (!owned) throw new NotFound(`Conversation ${conversationId} not found.`);
    return owned;
  }

  return {
    async preview(
      ref: PromptRef,
      input: {
        userId: number;
        promptText?: string | undefined;
        versionNumber?: number | undefined;
        conversationId?: number | undefined;
        query?: string | undefined;
      },
    ): Promise<PromptPreview> {
      // only the text's choice can fail in this round, so an unknown prompt answers before an unknown student
      const [{ prompt, text }, user, persona, flow] = await Promise.all([
        chooseText(ref, input.promptText, input.versionNumber),
        deps.users.findById(input.userId),
        deps.personas.findByUser(input.userId),
        deps.flowConfig.read(),
      ]);
      if (!user) throw new NotFound(`User ${input.userId} not found.`);
      const revision = persona?.revisionId ? await deps.revisions.findById(persona.revisionId) : undefined;
      const conversation = await chooseConversation(user.id, input.conversationId);
      const [memory, history] = conversation
        ? await Promise.all([
            deps.memories.findByConversation(conversation.id),
            deps.messages.listForConversation(conversation.id),
          ])
        : [undefined, []];
      // a text with lint problems is still rendered: the preview shows what it would give, the lint why
      const { text: rendered, injections } = renderTemplateWithInjections(
        text,
        turnTemplateVariables({
          query: input.query ?? PREVIEW_SAMPLE_QUERY,
          // the next turn answers a message not yet written: every stored message is earlier
          history: history.map(toMessageForModels),
          useConversationHistory: stepSettings(flow, settingsStepOf(prompt.name, flow)).use_conversation_history,
          persona: persona?.personaData ?? null,
          memory: memory?.memoryData ?? null,
        }),
        snippetOptions,
      );
      return {
        rendered,
        injections,
        personaRevision: revision ? { id: revision.id, number: revision.number } : null,
      };
    },
  };
}
export type PromptPreviewService = ReturnType<typeof createPromptPreviewService>;
