import { Id, IdParam, JsonObject } from '@coach/core';
import { z } from 'zod';
import { iso } from '../http/params.ts';
import type { MemoryRow } from './repository.ts';

export const UpsertMemoryBody = z.object({ conversation_id: Id, memory_data: JsonObject });
export const UserIdParams = z.object({ user_id: IdParam });

export function toMemoryDto(row: MemoryRow) {
  return {
    id: row.id,
    conversation_id: row.conversationId,
    memory_data: row.memoryData,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
