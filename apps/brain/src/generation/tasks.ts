import { mapWithConcurrency } from './batch.ts';
import { type GenerationDeps, generateConversationMemory } from './memory.ts';
import { generateUserPersona } from './persona.ts';

export type ItemResult =
  | { status: 'saved'; updated_at: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Memories for many conversations, `concurrency` at a time; one failure does not stop the others. */
export async function generateMemoryBatch(
  conversationIds: readonly number[],
  deps: GenerationDeps & { concurrency: number },
) {
  return mapWithConcurrency(conversationIds, deps.concurrency, async (conversationId) => {
    const result = await itemResult(() => generateConversationMemory(conversationId, deps));
    return { conversation_id: conversationId, ...result };
  });
}

export async function generatePersonaTask(userId: number, deps: GenerationDeps) {
  return { user_id: userId, ...(await itemResult(() => generateUserPersona(userId, deps))) };
}

async function itemResult(
  work: () => Promise<{ status: 'saved'; record: { updated_at: string } } | { status: 'skipped'; reason: string }>,
): Promise<ItemResult> {
  try {
    const outcome = await work();
    return outcome.status === 'saved' ? { status: 'saved', updated_at: outcome.record.updated_at } : outcome;
  } catch (error) {
    return { status: 'failed', error: describe(error) };
  }
}
