import {
  DEFAULT_FLOW_CONFIG,
  FlowConfig,
  type SafetyFlag,
  safetyPipelineData,
  screenCoachReply,
  type TurnContextRecord,
  type TurnSafety,
} from '@coach/core';
import { Invalid, NotFound } from '@coach/runtime';
import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { toMemoryDto, toMessageForModels, toPersonaDto, toPromptVersionsByName } from './records.ts';
import { createConversationsRepository } from './repositories/conversations.ts';
import { createFlowConfigRepository } from './repositories/flow-config.ts';
import { createMemoriesRepository } from './repositories/memories.ts';
import { createMessagesRepository, type MessageRow, type ReplyClarification } from './repositories/messages.ts';
import { createPersonasRepository } from './repositories/personas.ts';
import { createPromptsRepository } from './repositories/prompts.ts';

/**
 * A chat turn's reads and writes, shared by the Backend (its internal routes, for external Brains) and
 * the built-in Brain (directly, inside its turn): one read-only snapshot for the context, one
 * transaction for the reply or the failure — with whatever the caller adds to it (the job's completion).
 */

/**
 * PostgreSQL channel a stored reply or failure is announced on (payload: the student message's id), at
 * the commit of the transaction that stored it: a Backend process other than the one that stored it
 * wakes the student's held poll at once.
 */
export const TURN_SETTLED_CHANNEL = 'coach_turn_settled';

/** The stored FlowConfig, or the default when none is stored (or what is stored no longer parses). */
export function flowConfigOrDefault(stored: unknown): FlowConfig {
  const parsed = stored ? FlowConfig.safeParse(stored) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_FLOW_CONFIG;
}

/**
 * What a chat turn reads, at once: the conversation, persona, memory, messages, FlowConfig and the
 * purpose's prompt versions in one read-only transaction — one snapshot, one commit. NotFound when the
 * conversation is gone.
 */
export function readTurnContext(
  db: Db,
  conversationId: number,
  purpose: 'chat' | 'test-prompt',
): Promise<TurnContextRecord> {
  return db.transaction(
    async (tx) => {
      const conversation = await createConversationsRepository(tx).findById(conversationId);
      if (!conversation) throw new NotFound(`Conversation ${conversationId} not found.`);
      // one connection: the reads are sent one after another, each without waiting to be asked
      const [persona, memory, rows, flow, versions] = await Promise.all([
        createPersonasRepository(tx).findByUser(conversation.userId),
        createMemoriesRepository(tx).findByConversation(conversation.id),
        createMessagesRepository(tx).listForConversation(conversation.id),
        createFlowConfigRepository(tx).read(),
        createPromptsRepository(tx).findVersionsForPurpose(purpose),
      ]);
      return {
        user_id: conversation.userId,
        persona: persona ? toPersonaDto(persona) : null,
        memory: memory ? toMemoryDto(memory) : null,
        // what the Brain's prompts read: a message the screen withheld stays withheld
        messages: rows.map(toMessageForModels),
        flow_config: flowConfigOrDefault(flow),
        prompt_versions: toPromptVersionsByName(versions),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The coach's reply to a student message, as a Brain hands it over. */
export interface TurnReply {
  userId: number;
  conversationId: number;
  userMessageId: number;
  content: string;
  pipelineData: Record<string, unknown>;
  needsClarification?: boolean | undefined;
  followUpQuestions?: string[] | undefined;
  originalQuery?: string | undefined;
  promptVersionId: number | null;
  /** What the safety screen found in `content` (`screenTurnReply`, before it is stored). */
  safetyFlags?: SafetyFlag[] | undefined;
}

/**
 * A Brain's reply as the safety screen lets it be stored and shown (docs/SAFETY.md): with its flags, or,
 * when it falls in a blocked category, the safe fallback instead of the model's words, which are not kept
 * (its pipeline data goes too: a student can read a reply's steps). `replacedFor` is the caller's to log.
 */
export async function screenTurnReply(
  reply: TurnReply,
  safety: TurnSafety,
): Promise<{ reply: TurnReply; replacedFor: SafetyFlag | null }> {
  const screened = await screenCoachReply(safety, reply.content);
  if (!screened.replacedFor) return { reply: { ...reply, safetyFlags: screened.flags }, replacedFor: null };
  return {
    reply: {
      ...reply,
      content: screened.content,
      safetyFlags: screened.flags,
      pipelineData: safetyPipelineData('coach_fallback', screened.replacedFor),
      needsClarification: false,
      followUpQuestions: [],
      originalQuery: undefined,
    },
    replacedFor: screened.replacedFor,
  };
}

/** Work the caller adds to the transaction that settles a turn (the built-in Brain: its job's completion). */
export type InSettlingTransaction = (tx: Db) => Promise<void>;

/** What a reply says it asked back, as the columns of the coach's message store it. */
export function replyClarification(reply: {
  needsClarification?: boolean | undefined;
  followUpQuestions?: string[] | undefined;
  originalQuery?: string | undefined;
  pipelineData: Record<string, unknown>;
}): ReplyClarification {
  // a reply without the typed fields (an external Brain, the original's tools) says it in its pipeline
  // data under the same names, as every reply did before: migration 0003 reads stored ones the same way
  const data = reply.pipelineData;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    needsClarification: reply.needsClarification ?? data.needs_clarification === true,
    followUpQuestions:
      reply.followUpQuestions ??
      (Array.isArray(data.follow_up_questions)
        ? data.follow_up_questions.filter((q): q is string => typeof q === 'string')
        : []),
    originalQuery: reply.originalQuery ?? text(data.original_query) ?? text(data.query) ?? null,
  };
}

const announce = (tx: Db, messageId: number) =>
  tx.execute(sql`select pg_notify(${TURN_SETTLED_CHANNEL}, ${String(messageId)})`);

/**
 * Stores a reply with its pipeline data in one transaction, the checks (whose message, which prompt
 * version) and `alsoInTransaction` included: a reply exists exactly when that work is done too. A
 * repeated reply for the same message changes nothing and returns the stored one (`duplicate`; the
 * added work still runs). NotFound / Invalid as the internal route answers them.
 */
export function storeTurnReply(
  db: Db,
  reply: TurnReply,
  alsoInTransaction?: InSettlingTransaction,
): Promise<{ reply: MessageRow; duplicate: boolean }> {
  const { promptVersionId } = reply;
  return db.transaction(async (tx) => {
    const messages = createMessagesRepository(tx);
    const found = await messages.findWithOwner(reply.userMessageId);
    if (!found) throw new NotFound(`Message ${reply.userMessageId} not found.`);
    if (!found.message.isUser)
      throw new Invalid(`original_message_id ${reply.userMessageId} is not a student message.`);
    if (found.message.conversationId !== reply.conversationId || found.userId !== reply.userId) {
      throw new Invalid(
        `Message ${reply.userMessageId} does not belong to conversation ${reply.conversationId} of user ${reply.userId}.`,
      );
    }
    if (promptVersionId !== null && !(await createPromptsRepository(tx).versionExists(promptVersionId))) {
      throw new Invalid(`prompt_version_id ${promptVersionId} does not exist.`);
    }
    const inserted = await messages.insertReply({ ...reply, clarification: replyClarification(reply) });
    if (!inserted) {
      await alsoInTransaction?.(tx);
      return { reply: (await messages.findReplyTo(reply.userMessageId))!, duplicate: true };
    }
    await messages.insertPipelineData(inserted.id, reply.pipelineData);
    // one statement: the conversation moves forward and remembers the prompt version that answered
    // (a failure mark left on the student's message by an earlier attempt stays: the reply wins)
    await createConversationsRepository(tx).touch(reply.conversationId, inserted.timestamp, {
      ...(promptVersionId !== null && { promptVersionId }),
    });
    await alsoInTransaction?.(tx);
    await announce(tx, reply.userMessageId);
    return { reply: inserted, duplicate: false };
  });
}

/**
 * Records that a Brain gave up on a student message (ignored once a reply exists), with
 * `alsoInTransaction`, in one transaction. NotFound when it is not a student's message.
 */
export function recordTurnFailure(
  db: Db,
  messageId: number,
  detail: string,
  alsoInTransaction?: InSettlingTransaction,
): Promise<void> {
  return db.transaction(async (tx) => {
    const messages = createMessagesRepository(tx);
    const found = await messages.findWithOwner(messageId);
    if (!found?.message.isUser) throw new NotFound(`Message ${messageId} not found.`);
    await messages.markReplyFailed(messageId, detail);
    await alsoInTransaction?.(tx);
    await announce(tx, messageId);
  });
}
