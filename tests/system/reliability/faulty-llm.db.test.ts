import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';
import { queryThrough } from './api.ts';
import { type FaultyLlm, startFaultyLlm } from './faulty-llm.ts';
import { runFaultyLlmLoad } from './faulty-llm-load.ts';
import { QUICK } from './profiles.ts';

// The quick profile of item 1 (npm test); `npm run soak` runs the same scenario at the size.
let llm: FaultyLlm;
let system: TestSystem;
beforeAll(async () => {
  llm = await startFaultyLlm({ failureRate: QUICK.failureRate, seed: 1, latencyMs: 5 });
  system = await startSystem({ env: { LLM_CONFIG: llm.configPath } });
});
afterAll(async () => {
  await system?.close();
  await llm?.close();
});

describe('chat turns and persona refreshes while the model fails 30% of its calls', () => {
  it('ends every turn and every refresh, and never stores output that does not fit', { timeout: 120_000 }, async () => {
    const figures = await runFaultyLlmLoad(system.backend, queryThrough(system.backend.database), llm, {
      students: QUICK.students,
      turns: QUICK.turns,
    });
    console.info('faulty LLM (quick profile):', JSON.stringify(figures));

    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect(figures.unexpectedAnswers).toEqual([]);
    expect(figures.turnsStuck).toBe(0);
    expect(figures.replied + figures.turnsFailed).toBe(QUICK.turns);
    expect(figures.refreshesStuck).toBe(0);
    expect(figures.refreshesCompleted + figures.refreshesFailed).toBe(QUICK.students);
    expect(figures.refreshesWithoutReason).toBe(0);
    expect(figures.invalidStored).toEqual([]);
    expect(figures.lost).toEqual([]);
    expect(figures.overwrittenByFailure).toEqual([]);
    expect(figures.duplicated).toBe(0);
    expect(figures.unexpected5xx).toBe(0);
  });
});
