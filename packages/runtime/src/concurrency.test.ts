import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit, mapWithConcurrency } from './concurrency.ts';

/** Tasks that each take `ms`, counting how many are in flight at once and in which order they started. */
function slowTasks(ms: number) {
  const seen = { inFlight: 0, most: 0, started: [] as string[] };
  const task = (name: string) => async () => {
    seen.started.push(name);
    seen.inFlight++;
    seen.most = Math.max(seen.most, seen.inFlight);
    await sleep(ms);
    seen.inFlight--;
    return name;
  };
  return { task, seen };
}

describe('a concurrency limit', () => {
  it('keeps at most the limit in flight, and starts the waiting tasks in the order they asked', async () => {
    const { task, seen } = slowTasks(20);
    const slots = createConcurrencyLimit(3);

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => slots.run(task(`task ${i}`))));

    expect(seen.most).toBe(3);
    expect(seen.started).toEqual(Array.from({ length: 10 }, (_, i) => `task ${i}`));
    expect(results).toEqual(seen.started);
  });

  it('frees the slot of a task that failed', async () => {
    const slots = createConcurrencyLimit(1);
    const failing = async () => {
      throw new Error('the model is down');
    };

    await expect(slots.run(failing)).rejects.toThrow('the model is down');
    await expect(slots.run(failing)).rejects.toThrow('the model is down');
  });

  it('gives up waiting when its signal is aborted, without taking a slot', async () => {
    const { task, seen } = slowTasks(30);
    const slots = createConcurrencyLimit(1);
    const abandoned = new AbortController();

    const running = slots.run(task('running'));
    const waiting = slots.run(task('abandoned'), abandoned.signal);
    const next = slots.run(task('next'));
    abandoned.abort(new Error('taken back'));

    await expect(waiting).rejects.toThrow('taken back');
    await Promise.all([running, next]);
    expect(seen.started).toEqual(['running', 'next']);
  });
});

describe('mapping with a concurrency limit', () => {
  it('works on at most the limit at once and keeps the results in the items’ order', async () => {
    const { task, seen } = slowTasks(10);

    const results = await mapWithConcurrency(['a', 'b', 'c', 'd', 'e'], 2, (item, index) => task(`${index}:${item}`)());

    expect(seen.most).toBe(2);
    expect(results).toEqual(['0:a', '1:b', '2:c', '3:d', '4:e']);
  });
});
