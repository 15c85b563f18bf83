import { setTimeout as sleep } from 'node:timers/promises';
import { QUEUE_NAMES } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenIdleFor, givenStudentWithConversations } from '../../backend/test/generation.ts';
import { startSystem, type TestSystem } from './system.ts';

// The schedule itself is pg-boss's (a recurrence every GENERATION_SCHEDULE_MINUTES); here a tick is
// sent by hand, as pg-boss would send it, and the system does what a tick means.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ backend: { generationScheduleMinutes: 60 } });
});
afterAll(() => system?.close());

async function untilPersona(userId: number) {
  for (let i = 0; i < 400; i++) {
    const persona = await system.backend.request('GET', `/api/internal/users/${userId}/persona`, {
      token: system.backend.internalToken,
    });
    if (persona.status === 200) return persona.body;
    await sleep(50);
  }
  throw new Error(`no persona for user ${userId}`);
}

describe('a tick of the generation schedule', () => {
  it('writes the memories of idle conversations, then the personas that need them', async () => {
    const { student, conversationIds } = await givenStudentWithConversations(system.backend, 2);
    await givenIdleFor(system.backend, conversationIds, 48);

    await system.backend.queue.send(QUEUE_NAMES.generationSchedule, {});
    const persona = await untilPersona(student.id);
    const memories = await system.backend.request('GET', `/api/internal/users/${student.id}/memories`, {
      token: system.backend.internalToken,
    });

    expect(memories.body).toHaveLength(2);
    for (const memory of memories.body) {
      expect(Date.parse(memory.updated_at)).toBeLessThan(Date.parse(persona.updated_at));
    }
  });
});
