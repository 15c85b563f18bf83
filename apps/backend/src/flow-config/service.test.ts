import { DEFAULT_FLOW_CONFIG } from '@coach/core';
import type { FlowConfigRepository } from '@coach/data';
import { describe, expect, it } from 'vitest';
import { createFlowConfigService } from './service.ts';

/** A repository holding one stored document (or none) and recording what is written. */
function givenStored(document: Record<string, unknown> | undefined) {
  const written: Array<Record<string, unknown>> = [];
  const flowConfig: FlowConfigRepository = {
    read: async () => document,
    write: async (config) => {
      written.push(config);
    },
  };
  return { service: createFlowConfigService({ flowConfig }), written };
}

describe('the FlowConfig service', () => {
  it('answers the default when nothing is stored', async () => {
    expect(await givenStored(undefined).service.read()).toEqual(DEFAULT_FLOW_CONFIG);
  });

  it('answers the default when the stored document no longer parses', async () => {
    expect(await givenStored({ use_simplified_mode: 'sometimes' }).service.read()).toEqual(DEFAULT_FLOW_CONFIG);
  });

  it('answers the stored document, its omitted fields defaulted', async () => {
    expect(await givenStored({ use_simplified_mode: false }).service.read()).toEqual({
      use_simplified_mode: false,
      steps: [],
    });
  });

  it('stores a replacement as given and answers it', async () => {
    const { service, written } = givenStored(undefined);
    const config = { use_simplified_mode: false, steps: [] };

    expect(await service.replace(config)).toEqual(config);
    expect(written).toEqual([config]);
  });
});
