import { ConversationMemoryData, UserPersonaData } from '@coach/core';
import type { Query } from './api.ts';

/** What the reliability suite promises about the stored data, read straight from the database. */

export interface StoredGenerations {
  /** memory_data by conversation id */
  memories: Map<number, unknown>;
  /** persona_data by user id */
  personas: Map<number, unknown>;
}

export async function readStoredGenerations(query: Query): Promise<StoredGenerations> {
  const memories = await query('select conversation_id, memory_data from conversation_memories');
  const personas = await query('select user_id, persona_data from user_personas');
  return {
    memories: new Map(memories.map((row) => [Number(row.conversation_id), row.memory_data])),
    personas: new Map(personas.map((row) => [Number(row.user_id), row.persona_data])),
  };
}

/** Stored memories and personas that do not fit their schema (the Brain must never write such output). */
export function invalidGenerations(stored: StoredGenerations): string[] {
  const problems: string[] = [];
  for (const [conversationId, data] of stored.memories) {
    if (!ConversationMemoryData.safeParse(data).success) problems.push(`memory of conversation ${conversationId}`);
  }
  for (const [userId, data] of stored.personas) {
    if (!UserPersonaData.safeParse(data).success) problems.push(`persona of user ${userId}`);
  }
  return problems;
}

export interface TurnLedger {
  /** Student messages that asked for a reply (purpose chat or test-prompt). */
  asked: number;
  replied: number;
  failed: number;
  /** Neither a reply nor a recorded failure. */
  pending: number;
  /** Student messages with more than one coach reply. */
  duplicated: number;
}

/** Every student message that asked for a reply, and what became of it. */
export async function readTurnLedger(query: Query): Promise<TurnLedger> {
  const [row] = await query(`
    select count(*) as asked,
           count(*) filter (where replies.n = 1) as replied,
           count(*) filter (where coalesce(replies.n, 0) = 0 and m.reply_error is not null) as failed,
           count(*) filter (where coalesce(replies.n, 0) = 0 and m.reply_error is null) as pending,
           count(*) filter (where replies.n > 1) as duplicated
    from messages m
    left join (
      select responds_to_message_id as id, count(*) as n from messages
      where responds_to_message_id is not null group by responds_to_message_id
    ) replies on replies.id = m.id
    where m.is_user and m.purpose in ('chat', 'test-prompt')`);
  return {
    asked: Number(row!.asked),
    replied: Number(row!.replied),
    failed: Number(row!.failed),
    pending: Number(row!.pending),
    duplicated: Number(row!.duplicated),
  };
}
