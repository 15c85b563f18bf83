import {
  GeneratedPersona,
  PersonaEvidenceClaim,
  type PersonaOutcome,
  type PersonaRevisionRef,
  type RevisionWithPersona,
  redactContactDetailsInJson,
  renderTemplate,
} from '@coach/core';
import { z } from 'zod';
import { describeFailure } from '../failures.ts';
import type { GenerationDeps } from './deps.ts';
import { objectWithReask } from './object-with-reask.ts';
import { formatListedMemories, listedMemoriesOf } from './persona-material.ts';
import { generationPrompt } from './prompt.ts';

/**
 * What the model must answer. Evidence is read leniently: a claim that does not fit is dropped and a
 * missing list is empty, so a slip in one citation costs that citation (its key then shows as
 * unsupported), never the persona.
 */
const PersonaAnswer = GeneratedPersona.extend({
  evidence: z
    .array(PersonaEvidenceClaim.nullable().catch(null))
    .default([])
    .describe(GeneratedPersona.shape.evidence.description ?? ''),
});

export interface PersonaRun {
  signal?: AbortSignal | undefined;
  /** The generation job this runs for, recorded on the revision (null for `POST /tasks?wait=true`). */
  jobId?: number | null | undefined;
}

/**
 * Writes a student's persona from the memories of their conversations: the memories with their ids and a
 * few of the student's own messages → `user_persona_generation` prompt → structured output with evidence,
 * validated (asked again once when it does not fit) → a generator revision, whose evidence the Backend
 * checks and whose review policy decides whether it becomes the current persona. A student without
 * memories is skipped.
 */
export async function generateUserPersona(userId: number, deps: GenerationDeps, run: PersonaRun = {}) {
  const [memories, template] = await Promise.all([
    deps.backend.getUserMemories(userId),
    generationPrompt(deps.backend, 'user_persona_generation'),
  ]);
  if (memories.length === 0)
    return { status: 'skipped' as const, reason: 'the student has no conversation memories yet' };
  const listed = formatListedMemories(await listedMemoriesOf(memories, deps.backend));
  const prompt = renderTemplate(template, { extra: { CONVERSATION_MEMORIES: listed } });
  const { evidence, ...persona } = await objectWithReask(
    deps.llm,
    { callType: 'user_persona_generation', prompt, query: listed, signal: run.signal },
    PersonaAnswer,
  );
  // the model saw no contact detail; one it made up would get the revision refused (docs/SAFETY.md)
  const written = await deps.backend.createPersonaRevision(userId, {
    persona_data: redactContactDetailsInJson(persona).value,
    evidence: redactContactDetailsInJson(evidence.filter((claim) => claim !== null)).value,
    job_id: run.jobId ?? null,
  });
  return { status: 'saved' as const, written };
}

/** A persona as an outcome; the error itself is thrown (the caller decides whether to retry). */
export async function generatePersonaOutcome(
  userId: number,
  deps: GenerationDeps,
  run: PersonaRun = {},
): Promise<PersonaOutcome> {
  const outcome = await generateUserPersona(userId, deps, run);
  if (outcome.status !== 'saved') return outcome;
  return { status: 'saved', updated_at: updatedAtOf(outcome.written), revision: revisionRefOf(outcome.written) };
}

/**
 * When the persona was saved: the current persona's update when this revision became it, else (waiting
 * for review) when the revision was written — the current persona did not change.
 */
function updatedAtOf({ revision, persona }: RevisionWithPersona): string {
  return revision.status === 'approved' && persona ? persona.updated_at : revision.created_at;
}

function revisionRefOf({ revision }: RevisionWithPersona): PersonaRevisionRef {
  return { id: revision.id, number: revision.number, status: revision.status };
}

/** `POST /tasks?wait=true` for one student: the persona, or why there is none. */
export async function generatePersonaTask(userId: number, deps: GenerationDeps) {
  try {
    return { user_id: userId, ...(await generatePersonaOutcome(userId, deps)) };
  } catch (error) {
    return { user_id: userId, status: 'failed' as const, error: describeFailure(error) };
  }
}
