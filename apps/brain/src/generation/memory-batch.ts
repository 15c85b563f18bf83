import type { MemoryCounts, MemoryItemResult } from '@coach/core';
import { mapWithConcurrency } from '@coach/runtime';
import { describeFailure } from '../failures.ts';
import { withModelCallScope } from '../usage/scope.ts';
import type { GenerationDeps } from './deps.ts';
import { generateConversationMemory } from './memory.ts';
import { generationPrompt } from './prompt.ts';

export interface BatchOptions {
  signal?: AbortSignal | undefined;
  /** Called as each conversation is finished (saved, skipped or failed), with how many are done. */
  onItemDone?: (done: number) => Promise<void>;
}

/**
 * Memories for many conversations, `concurrency` at a time, all with the prompt as it was when the batch
 * began; one failure does not stop the others, it is reported in its item.
 */
export async function generateMemoryBatch(
  conversationIds: readonly number[],
  deps: GenerationDeps & { concurrency: number },
  options: BatchOptions = {},
): Promise<{ counts: MemoryCounts; items: MemoryItemResult[] }> {
  let done = 0;
  // read once, when the first memory needs it; a failed read fails the memories waiting for it (as any
  // Backend error would) and the next memory reads it again
  let template: Promise<string> | undefined;
  const promptText = () =>
    (template ??= generationPrompt(deps.backend, 'memory_generation').catch((error: unknown) => {
      template = undefined;
      throw error;
    }));
  const items = await mapWithConcurrency(conversationIds, deps.concurrency, async (conversationId) => {
    const item = await withModelCallScope({ conversationId }, () =>
      memoryItem(conversationId, promptText, deps, options.signal),
    );
    done++;
    await options.onItemDone?.(done);
    return item;
  });
  const count = (status: MemoryItemResult['status']) => items.filter((item) => item.status === status).length;
  return {
    counts: { selected: items.length, saved: count('saved'), skipped: count('skipped'), failed: count('failed') },
    items,
  };
}

async function memoryItem(
  conversationId: number,
  template: () => Promise<string>,
  deps: GenerationDeps,
  signal?: AbortSignal,
): Promise<MemoryItemResult> {
  try {
    signal?.throwIfAborted();
    const { record } = await generateConversationMemory(conversationId, template, deps, signal);
    return { conversation_id: conversationId, status: 'saved', updated_at: record.updated_at };
  } catch (error) {
    return { conversation_id: conversationId, status: 'failed', error: describeFailure(error) };
  }
}
