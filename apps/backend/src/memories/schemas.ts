import { Id, IdParam, JsonObject } from '@coach/core';
import { z } from 'zod';

export { toMemoryDto } from '@coach/data';

export const UpsertMemoryBody = z.object({ conversation_id: Id, memory_data: JsonObject });
export const UserIdParams = z.object({ user_id: IdParam });
