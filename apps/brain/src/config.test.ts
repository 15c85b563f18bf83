import { describe, expect, it } from 'vitest';
import { loadBrainConfig } from './config.ts';

describe('generation concurrency', () => {
  it('follows GENERATION_CONCURRENCY: twice as many memories per job, as many jobs per queue', () => {
    expect(loadBrainConfig({})).toMatchObject({
      generationConcurrency: 8,
      memoryConcurrency: 16,
      generationJobConcurrency: 8,
    });
    expect(loadBrainConfig({ GENERATION_CONCURRENCY: '100' })).toMatchObject({
      generationConcurrency: 100,
      memoryConcurrency: 200,
      generationJobConcurrency: 64,
    });
  });

  it('lets memories per job and jobs per queue be set on their own', () => {
    const config = loadBrainConfig({
      GENERATION_CONCURRENCY: '4',
      MEMORY_GENERATION_CONCURRENCY: '3',
      GENERATION_JOB_CONCURRENCY: '2',
    });
    expect(config).toMatchObject({ generationConcurrency: 4, memoryConcurrency: 3, generationJobConcurrency: 2 });
  });
});
