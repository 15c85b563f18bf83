import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashRecovery } from './crash-recovery.ts';
import { type ProcessSystem, startProcessSystem } from './processes.ts';

// quick profile: Backend and Brains as processes of their own on one database, so a Brain can be killed
let system: ProcessSystem;
beforeAll(async () => {
  system = await startProcessSystem();
});
afterAll(async () => {
  await system?.stop();
});

describe('a Brain killed in the middle of its work', () => {
  it('leaves no memory lost and no reply duplicated once a new Brain takes over', { timeout: 150_000 }, async () => {
    const figures = await runCrashRecovery(system, { rounds: 1, turns: 12, memories: 6 });
    console.info('crash (quick profile):', JSON.stringify(figures));

    expect(figures.turnsInFlightAtKill).toBeGreaterThan(0);
    expect(figures.memoriesUnwrittenAtKill).toBeGreaterThan(0);
    expect(figures.replied).toBe(figures.turns);
    expect(figures.stuck).toBe(0);
    expect(figures.duplicated).toBe(0);
    expect(figures.jobsCompleted).toBe(1);
    expect(figures.lostMemories).toBe(0);
    expect(figures.invalidStored).toEqual([]);
    expect(figures.unexpected5xx).toBe(0);
  });
});
