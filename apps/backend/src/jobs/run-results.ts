import type { GenerationJobResult, MemoryItemResult } from '@coach/core';

/**
 * A resumed job's result: what its earlier runs finished, with this run's outcomes over them (a memory
 * that failed before and was saved now is saved), this run's persona, and what this run left. The
 * counts are those of the whole job: `selected` is what the first run was given.
 */
export function mergeRunResults(
  previous: GenerationJobResult | undefined,
  next: GenerationJobResult,
): GenerationJobResult {
  if (!previous || previous.type !== next.type || next.type === 'user-persona') return next;
  if (!('memories' in previous)) return next;
  const byConversation = new Map<number, MemoryItemResult>();
  for (const item of [...previous.memories.items, ...next.memories.items])
    byConversation.set(item.conversation_id, item);
  const items = [...byConversation.values()];
  const count = (status: MemoryItemResult['status']) => items.filter((item) => item.status === status).length;
  const memories = {
    counts: {
      selected: previous.memories.counts.selected,
      saved: count('saved'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    items,
  };
  return { ...next, memories } as GenerationJobResult;
}
