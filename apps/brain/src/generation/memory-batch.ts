import type { MemoryCounts, MemoryItemResult } from '@coach/core';
import { mapWithConcurrency } from '@coach/runtime';
import { describeFailure } from '../failures.ts';
import { BudgetReached } from '../usage/budget.ts';
import { currentModelCallScope, withModelCallScope } from '../usage/scope.ts';
import type { GenerationDeps } from './deps.ts';
import { generateConversationMemory } from './memory.ts';
import { generationPrompt } from './prompt.ts';

export interface BatchOptions {
  signal?: AbortSignal | undefined;
  /** Called as each conversation is finished (saved, skipped or failed), with how many are done. */
  onItemDone?: (done: number) => Promise<void>;
}

export interface MemoryBatchOutcome {
  counts: MemoryCounts;
  /** The conversations that ran: saved, skipped or failed. */
  items: MemoryItemResult[];
  /** The conversations the job's budget kept from starting (or stopped before their call): no memory. */
  notStarted: number[];
}

/**
 * Memories for many conversations, `concurrency` at a time, all with the prompt as it was when the batch
 * began; one failure does not stop the others, it is reported in its item. Once the job's budget is
 * reached no further conversation starts; those are `notStarted`.
 */
export async function generateMemoryBatch(
  conversationIds: readonly number[],
  deps: GenerationDeps & { concurrency: number },
  options: BatchOptions = {},
): Promise<MemoryBatchOutcome> {
  const { budget } = currentModelCallScope();
  let done = 0;
  // read once, when the first memory needs it; a failed read fails the memories waiting for it (as any
  // Backend error would) and the next memory reads it again
  let template: Promise<string> | undefined;
  const promptText = () =>
    (template ??= generationPrompt(deps.backend, 'memory_generation').catch((error: unknown) => {
      template = undefined;
      throw error;
    }));
  const outcomes = await mapWithConcurrency(conversationIds, deps.concurrency, async (conversationId) => {
    if (budget?.reached) return conversationId;
    const item = await withModelCallScope({ conversationId }, () =>
      memoryItem(conversationId, promptText, deps, options.signal),
    );
    if (typeof item === 'number') return item;
    done++;
    await options.onItemDone?.(done);
    return item;
  });
  const items = outcomes.filter((outcome): outcome is MemoryItemResult => typeof outcome !== 'number');
  const count = (status: MemoryItemResult['status']) => items.filter((item) => item.status === status).length;
  return {
    counts: {
      selected: conversationIds.length,
      saved: count('saved'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    items,
    notStarted: outcomes.filter((outcome) => typeof outcome === 'number'),
  };
}

async function memoryItem(
  conversationId: number,
  template: () => Promise<string>,
  deps: GenerationDeps,
  signal?: AbortSignal,
): Promise<MemoryItemResult | number> {
  try {
    signal?.throwIfAborted();
    const { record } = await generateConversationMemory(conversationId, template, deps, signal);
    return { conversation_id: conversationId, status: 'saved', updated_at: record.updated_at };
  } catch (error) {
    // refused before its call was made: nothing was generated, so it is left for a resume
    if (error instanceof BudgetReached) return conversationId;
    return { conversation_id: conversationId, status: 'failed', error: describeFailure(error) };
  }
}
