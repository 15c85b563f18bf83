/**
 * The messages of the Tasks routes. Where docs/api/tasks-and-jobs.md gives a text, it is the contract (clients read it),
 * so these keep it word for word, "1 conversations" included.
 */
export const taskTexts = {
  memoriesQueued: (n: number, eligible: number) =>
    `Task to generate memories has been queued for ${n} conversations (out of ${eligible} total eligible).`,
  noConversationsNeedMemory: () => 'No conversations found that require memory generation.',
  memoriesCompleted: (n: number, eligible: number) =>
    `Task completed for ${n} conversations (out of ${eligible} total eligible).`,

  personasQueued: (n: number, userId: number | undefined, eligible: number) =>
    `Task to generate user personas has been queued for ${n} users from ${userId === undefined ? 'all eligible users' : `user ID ${userId}`} (out of ${eligible} total eligible).`,
  personasCompleted: (saved: number, selected: number, eligible: number) =>
    `Sync task completed for ${saved} out of ${selected} selected users. (Total eligible: ${eligible})`,

  conversationMemoryQueued: (id: number) => `Queued memory generation for conversation ${id}.`,
  conversationMemoryCompleted: (id: number) => `Completed memory generation for conversation ${id}.`,
  conversationMemorySkipped: (id: number) => `Conversation ${id} has no messages, so memory generation was skipped.`,

  userMemoriesQueued: (n: number, userId: number, eligible: number) =>
    `Queued memory generation for ${n} conversations (user ${userId}, out of ${eligible} eligible).`,
  userMemoriesCompleted: (n: number, userId: number, eligible: number) =>
    `Completed memory generation for ${n} conversations (user ${userId}, out of ${eligible} eligible).`,
  userMemoriesNothingToDo: (userId: number, eligible: number) =>
    `Nothing to generate: 0 conversations (user ${userId}, out of ${eligible} eligible).`,

  personaQueued: (userId: number, refreshed: number) =>
    `Queued persona generation for user ${userId} (refreshed ${refreshed} conversations first).`,
  personaCompleted: (userId: number, refreshed: number, failed: number) =>
    `Completed persona generation for user ${userId} (refreshed ${refreshed} conversations first).${failed > 0 ? ` ${failed} conversation memories could not be refreshed; see failed_memories.` : ''}`,
  personaWithoutMemories: (userId: number, refreshed: number, failed: number) =>
    `No persona generated for user ${userId}: they have no conversation memories (refreshed ${refreshed} conversations first).${failed > 0 ? ` ${failed} conversation memories could not be refreshed; see failed_memories.` : ''}`,

  memoriesStopped: (jobId: number, selected: number, left: number) =>
    `Stopped at its budget with ${left} of ${selected} conversations left (see remaining); resume with POST /api/tasks/jobs/${jobId}/resume.`,
  personaStopped: (jobId: number, userId: number, refreshed: number, left: number) =>
    `Stopped at its budget before the persona of user ${userId} (refreshed ${refreshed} conversations first, ${left} left; see remaining); resume with POST /api/tasks/jobs/${jobId}/resume.`,
  dailyBudgetSpent: (used: number, budget: number) =>
    `The daily generation budget is spent (${used} of ${budget} tokens today, UTC); nothing was queued.`,
};
