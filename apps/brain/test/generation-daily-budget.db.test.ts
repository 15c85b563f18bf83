import { setTimeout as sleep } from 'node:timers/promises';
import { QUEUE_NAMES } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenIdleFor, givenStudentWithConversations, task } from '../../backend/test/generation.ts';
import { startSystem, type TestSystem } from './system.ts';

// GENERATION_DAILY_TOKEN_BUDGET: the triggers and the schedule stop for the (UTC) day once memory and
// persona generation have used it. One memory at a time, so the budget is looked at before each call.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({
    backend: { generationDailyTokenBudget: 1, memoryInactivityThresholdHours: 0, generationScheduleMinutes: 60 },
    brain: { memoryConcurrency: 1 },
  });
});
afterAll(() => system?.close());

const jobCount = async () =>
  (await system.backend.database.pool.query('select count(*)::int as n from generation_jobs')).rows[0].n as number;

describe('the daily generation token budget', () => {
  it('stops the trigger that spends it, then refuses the triggers and the schedule for the day', async () => {
    const { conversationIds } = await givenStudentWithConversations(system.backend, 3, { name: 'Daily' });
    await givenIdleFor(system.backend, conversationIds, 48);

    const first = await task(system.backend, '/api/tasks/trigger-memory-generation-sync?clamp=-1');

    expect(first.status).toBe(200);
    // the first call is admitted with nothing spent today; it uses more than the whole budget
    expect(first.body).toMatchObject({ state: 'stopped', stop_reason: 'budget', usage: { calls: 1 } });
    expect(first.body.remaining.conversation_ids).toHaveLength(2);

    await system.brain.flushUsage();
    const jobsBefore = await jobCount();
    const memories = await task(system.backend, '/api/tasks/trigger-memory-generation?clamp=-1');
    expect(memories.status).toBe(202);
    expect(memories.body.message).toMatch(
      /^The daily generation budget is spent \(\d+ of 1 tokens today, UTC\); nothing was queued\.$/,
    );
    expect(memories.body.job_id).toBeUndefined();
    const personas = await task(system.backend, '/api/tasks/trigger-user-persona-generation?clamp=-1');
    expect(personas.body).toMatchObject({ job_ids: [] });
    expect(personas.body.message).toContain('The daily generation budget is spent');

    // a tick of the schedule queues nothing either
    await system.backend.queue.send(QUEUE_NAMES.generationSchedule, {});
    await sleep(1_500);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('leaves the routes about one student to their own budgets', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 2, { name: 'DailyOne' });

    const answer = await task(system.backend, `/api/tasks/generate-memories-for-user/${student.id}?sync=true`);

    expect(answer.body).toMatchObject({ state: 'completed', counts: { saved: 2 } });
  });
});
