import type { GenerationJobResult } from '@coach/core';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '../jobs/repository.ts';
import type { JobService, JobSpec } from '../jobs/service.ts';
import type { SelectionsRepository } from './repository.ts';
import { createTaskService, type PersonaForUserOptions } from './service.ts';

// The task service without HTTP or a database: its repositories and job service are fakes that
// record what was asked of them, in order.

function job(overrides: Partial<JobRow>): JobRow {
  const now = new Date();
  return {
    id: 7,
    type: 'persona-for-user',
    scope: 'user:1',
    userId: 1,
    state: 'queued',
    progressDone: 0,
    progressTotal: 0,
    attempts: 0,
    params: {},
    result: null,
    error: null,
    stopReason: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function givenService(options: { selected: number[]; eligible: number; settled?: GenerationJobResult }) {
  const calls: string[] = [];
  const specs: JobSpec[] = [];
  const selections = {
    async userConversationsForMemory(
      userId: number,
      flags: { onlyNeeding: boolean; includeEmpty: boolean },
      limit: number | null,
    ) {
      calls.push(`select conversations of user ${userId} ${JSON.stringify({ ...flags, limit })}`);
      return { ids: options.selected, eligible: options.eligible };
    },
  } as unknown as SelectionsRepository;
  const jobs = {
    async enqueue(spec: JobSpec) {
      calls.push(`enqueue ${spec.type}`);
      specs.push(spec);
      return { job: job({ params: spec.params, progressTotal: spec.total }), joined: false };
    },
    async waitUntilSettled(id: number) {
      calls.push(`wait for job ${id}`);
      return job({ state: 'completed', result: options.settled ?? null });
    },
  } as unknown as JobService;
  const service = createTaskService({
    selections,
    jobs,
    users: {
      findById: async (id: number) => ({ id, name: 'Asha', phoneNumber: null, createdAt: new Date() }),
    } as never,
    memories: {} as never,
    personas: { findByUser: async () => undefined } as never,
    config: { memoryInactivityThresholdHours: 24, syncTaskTimeoutSeconds: 5 },
  });
  return { service, calls, specs };
}

const defaults: PersonaForUserOptions = {
  refreshMemories: true,
  onlyNeeding: true,
  includeEmpty: false,
  clamp: -1,
  sync: false,
};

describe('generatePersonaForUser', () => {
  it('with the flag on, selects the conversations first, then enqueues their memories and the persona as one job', async () => {
    const { service, calls, specs } = givenService({ selected: [5, 3], eligible: 4 });

    const answer = await service.generatePersonaForUser(1, { ...defaults, clamp: 2 });

    expect(calls).toEqual([
      'select conversations of user 1 {"onlyNeeding":true,"includeEmpty":false,"limit":2}',
      'enqueue persona-for-user',
    ]);
    expect(specs[0]!.payload(7)).toEqual({ job_id: 7, type: 'persona-for-user', user_id: 1, conversation_ids: [5, 3] });
    expect(specs[0]!.total).toBe(3);
    expect(answer.message).toBe('Queued persona generation for user 1 (refreshed 2 conversations first).');
    expect(answer.counts).toMatchObject({ selected: 2, eligible: 4 });
  });

  it('with the flag off, enqueues the persona alone without selecting', async () => {
    const { service, calls, specs } = givenService({ selected: [5], eligible: 1 });

    await service.generatePersonaForUser(1, { ...defaults, refreshMemories: false });

    expect(calls).toEqual(['enqueue persona-for-user']);
    expect(specs[0]!.payload(7)).toMatchObject({ conversation_ids: [] });
  });

  it('in sync mode waits for the job and answers from its result', async () => {
    const settled: GenerationJobResult = {
      type: 'persona-for-user',
      user_id: 1,
      memories: {
        counts: { selected: 2, saved: 1, skipped: 0, failed: 1 },
        items: [
          { conversation_id: 5, status: 'saved', updated_at: new Date().toISOString() },
          { conversation_id: 3, status: 'failed', error: 'the model timed out' },
        ],
      },
      persona: { status: 'saved', updated_at: new Date().toISOString() },
    };
    const { service, calls } = givenService({ selected: [5, 3], eligible: 2, settled });

    const answer = await service.generatePersonaForUser(1, { ...defaults, sync: true });

    expect(calls.at(-1)).toBe('wait for job 7');
    expect(answer.message).toBe(
      'Completed persona generation for user 1 (refreshed 1 conversations first). 1 conversation memories could not be refreshed; see failed_memories.',
    );
    expect(answer.failed_memories).toEqual([{ conversation_id: 3, error: 'the model timed out' }]);
    expect(answer.counts).toEqual({ selected: 2, eligible: 2, refreshed: 1, skipped: 0, failed: 1 });
  });
});
