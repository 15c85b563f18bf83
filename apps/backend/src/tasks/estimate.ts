import { tokensOfCharacters } from '@coach/core';
import { createPromptsRepository, type Db } from '@coach/data';
import { createSelectionsRepository, type PersonaMaterialSize, type TranscriptSize } from './repository.ts';
import type { DryRunAnswer } from './schemas.ts';

/**
 * What an answer runs to, in tokens: a memory's JSON (topics, actions, an observation) and a persona's.
 * Measured on the offline model's answers; real models' answers are of the same order.
 */
export const MEMORY_OUTPUT_TOKENS = 60;
export const PERSONA_OUTPUT_TOKENS = 400;

/** The persona generator's excerpts (apps/brain/src/generation/persona-material.ts). */
const EXCERPT = { conversations: 10, messages: 4, characters: 200 };
/** `{"memory_id":…,"conversation_id":…,"memory":…,"student_said":[…]}` and its line break, without the parts. */
const LISTED_MEMORY_FRAME = 70;
const STUDENT_PREFIX = 'Student: '.length;
const COACH_PREFIX = 'Coach: '.length;

/**
 * Dry runs (docs/api/tasks-and-jobs.md): what a generation would cost, from the stored transcripts' and
 * memories' sizes and the production prompts, counted with the offline model's rule (characters / 4).
 * A conversation without messages costs no call (it gets its empty memory without one); a student
 * without memories gets no persona call.
 */
export function createGenerationEstimator(db: Db) {
  const selections = createSelectionsRepository(db);
  const prompts = createPromptsRepository(db);

  /** The production text's length; 0 before the Brain has written the built-in prompts. */
  async function templateLength(name: 'memory_generation' | 'user_persona_generation') {
    return (await prompts.findVersionForPurpose(name, 'chat'))?.promptText.length ?? 0;
  }

  async function memoryEstimate(conversationIds: number[]) {
    const [sizes, template] = await Promise.all([
      selections.transcriptSizes(conversationIds),
      templateLength('memory_generation'),
    ]);
    const withMessages = sizes.filter((size) => size.messages > 0);
    return {
      calls: withMessages.length,
      input: withMessages.reduce((sum, size) => sum + tokensOfCharacters(template + transcriptLength(size)), 0),
      output: withMessages.length * MEMORY_OUTPUT_TOKENS,
      refreshed: new Set(withMessages.map((size) => size.conversationId)),
    };
  }

  /** One student's persona after `refreshed` conversations got a new memory (0 calls without any memory). */
  async function personaEstimate(userId: number, refreshed: Set<number>, template: number) {
    const material = await selections.personaMaterialSizes(userId, EXCERPT);
    const listed = material.filter((row) => row.memoryCharacters !== null || refreshed.has(row.conversationId));
    if (listed.length === 0) return { calls: 0, input: 0, output: 0 };
    const excerpted = new Set(latestFirst(listed, refreshed).slice(0, EXCERPT.conversations));
    const characters = listed.reduce(
      (sum, row) =>
        sum +
        LISTED_MEMORY_FRAME +
        (refreshed.has(row.conversationId) ? MEMORY_OUTPUT_TOKENS * 4 : (row.memoryCharacters ?? 0)) +
        (excerpted.has(row) ? row.excerptCharacters : 0),
      template,
    );
    return { calls: 1, input: tokensOfCharacters(characters), output: PERSONA_OUTPUT_TOKENS };
  }

  return {
    /** The memory routes: a memory per selected conversation with messages. */
    async memories(conversationIds: number[]): Promise<DryRunAnswer> {
      const estimate = await memoryEstimate(conversationIds);
      return answerOf(conversationIds.length, [estimate]);
    },

    /** The persona trigger: a persona per selected student, from the memories they have now. */
    async personas(userIds: number[], refreshed: number[]): Promise<DryRunAnswer> {
      const template = await templateLength('user_persona_generation');
      const estimates = [];
      for (const userId of userIds) estimates.push(await personaEstimate(userId, new Set(refreshed), template));
      return answerOf(userIds.length, estimates);
    },

    /** generate-persona-for-user: the selected conversations' memories, then the persona from all of them. */
    async personaForUser(userId: number, conversationIds: number[]): Promise<DryRunAnswer> {
      const memories = await memoryEstimate(conversationIds);
      const persona = await personaEstimate(
        userId,
        memories.refreshed,
        await templateLength('user_persona_generation'),
      );
      return answerOf(conversationIds.length, [memories, persona]);
    },
  };
}
export type GenerationEstimator = ReturnType<typeof createGenerationEstimator>;

/** `Student: …` / `Coach: …` a line, as formatHistory writes a transcript. */
function transcriptLength(size: TranscriptSize): number {
  const coachMessages = size.messages - size.studentMessages;
  return size.characters + size.studentMessages * STUDENT_PREFIX + coachMessages * COACH_PREFIX + size.messages - 1;
}

/** The memories the generator shows excerpts for: the newest, and a refreshed one is the newest. */
function latestFirst(rows: PersonaMaterialSize[], refreshed: Set<number>): PersonaMaterialSize[] {
  const time = (row: PersonaMaterialSize) =>
    refreshed.has(row.conversationId) ? Number.POSITIVE_INFINITY : (row.memoryUpdatedAt?.getTime() ?? 0);
  return [...rows].sort((a, b) => time(b) - time(a));
}

function answerOf(selected: number, estimates: { calls: number; input: number; output: number }[]): DryRunAnswer {
  return {
    dry_run: true,
    selected,
    estimated_calls: estimates.reduce((sum, e) => sum + e.calls, 0),
    estimated_input_tokens: estimates.reduce((sum, e) => sum + e.input, 0),
    estimated_output_tokens: estimates.reduce((sum, e) => sum + e.output, 0),
  };
}
