import type { GenerationJobRecord } from '@coach/core';
import { iso } from '../http/params.ts';
import type { JobRow } from './repository.ts';

export function toJobDto(row: JobRow): GenerationJobRecord {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    user_id: row.userId,
    progress: { done: row.progressDone, total: row.progressTotal },
    attempts: row.attempts,
    params: row.params,
    ...(row.result ? { result: row.result as GenerationJobRecord['result'] } : {}),
    ...(row.error ? { error: row.error } : {}),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
