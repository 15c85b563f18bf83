import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client.ts';
import {
  DEFAULT_REGENERATE_OPTIONS,
  type RegenerationPorts,
  type RegenerationState,
  regeneratePersona,
} from './persona-job.ts';

const timing = { intervalMs: 10, networkRetries: 1 };

type JobStatus = Schemas['GenerationJob'];

function job(state: JobStatus['state'], done: number, total: number, extra: Partial<JobStatus> = {}): JobStatus {
  return {
    id: 1,
    type: 'persona-for-user',
    state,
    user_id: 3,
    attempts: 1,
    params: {},
    progress: { done, total },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

function givenJobRoute(statuses: Array<JobStatus | Error>, jobId: number | null = 1) {
  let polled = 0;
  const started: unknown[] = [];
  const ports: RegenerationPorts = {
    async start(userId, options) {
      started.push({ userId, options });
      return { message: 'Queued persona generation for user 3 (refreshed 2 conversations first).', jobId };
    },
    async fetchJob() {
      const status = statuses[Math.min(polled, statuses.length - 1)]!;
      polled += 1;
      if (status instanceof Error) throw status;
      return status;
    },
    sleep: async () => {},
  };
  return { ports, started };
}

async function follow(ports: RegenerationPorts) {
  const states: RegenerationState[] = [];
  const end = await regeneratePersona(3, DEFAULT_REGENERATE_OPTIONS, ports, (s) => states.push(s), timing);
  return { states, end };
}

describe('regenerating a persona shows the job’s progress', () => {
  it('reports queued, then each step of progress, then completion', async () => {
    const route = givenJobRoute([
      job('queued', 0, 3),
      job('running', 1, 3),
      job('running', 2, 3),
      job('completed', 3, 3, {
        result: {
          type: 'persona-for-user',
          user_id: 3,
          memories: { counts: { selected: 2, saved: 2, skipped: 0, failed: 0 }, items: [] },
          persona: { status: 'saved', updated_at: '2026-01-01T00:00:09Z' },
        },
      }),
    ]);
    const { states, end } = await follow(route.ports);
    expect(
      states.map((s) => (s.phase === 'queued' || s.phase === 'running' ? `${s.phase} ${s.done}/${s.total}` : s.phase)),
    ).toEqual(['starting', 'queued 0/3', 'running 1/3', 'running 2/3', 'completed']);
    expect(end).toEqual({ phase: 'completed', message: 'New persona saved. 2 conversation memories refreshed first.' });
    expect(route.started).toEqual([{ userId: 3, options: DEFAULT_REGENERATE_OPTIONS }]);
  });

  it('says when the new persona waits for review instead of being used', async () => {
    const route = givenJobRoute([
      job('completed', 1, 1, {
        result: {
          type: 'persona-for-user',
          user_id: 3,
          memories: { counts: { selected: 0, saved: 0, skipped: 0, failed: 0 }, items: [] },
          persona: {
            status: 'saved',
            updated_at: '2026-01-01T00:00:09Z',
            revision: { id: 40, number: 4, status: 'pending' },
          },
        },
      }),
    ]);
    const { end } = await follow(route.ports);
    expect(end).toEqual({
      phase: 'completed',
      message:
        'Revision 4 waits for review: the coach keeps the current persona until it is approved on the Review page. 0 conversation memories refreshed first.',
    });
  });

  it('ends failed with the job’s error', async () => {
    const route = givenJobRoute([job('running', 0, 1), job('failed', 0, 1, { error: 'the LLM is unavailable' })]);
    expect((await follow(route.ports)).end).toEqual({ phase: 'failed', message: 'the LLM is unavailable' });
  });

  it('says so when the job completed but could not write a persona', async () => {
    const route = givenJobRoute([
      job('completed', 1, 1, {
        result: {
          type: 'persona-for-user',
          user_id: 3,
          memories: { counts: { selected: 0, saved: 0, skipped: 0, failed: 0 }, items: [] },
          persona: { status: 'skipped', reason: 'the student has no conversation memories' },
        },
      }),
    ]);
    expect((await follow(route.ports)).end).toEqual({
      phase: 'completed',
      message: 'No new persona: the student has no conversation memories. 0 conversation memories refreshed first.',
    });
  });

  it('counts as done at once when the Backend started no job', async () => {
    const route = givenJobRoute([], null);
    expect((await follow(route.ports)).end.phase).toBe('completed');
  });

  it('keeps polling through one lost request, and fails after more', async () => {
    const recovered = givenJobRoute([new TypeError('fetch failed'), job('completed', 1, 1)]);
    expect((await follow(recovered.ports)).end.phase).toBe('completed');
    const lost = givenJobRoute([new TypeError('fetch failed')]);
    expect((await follow(lost.ports)).end.phase).toBe('failed');
  });
});
