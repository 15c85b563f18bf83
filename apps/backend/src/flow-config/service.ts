import type { FlowConfig } from '@coach/core';
import { type FlowConfigRepository, flowConfigOrDefault } from '@coach/data';

/** The Brain's FlowConfig: the stored document, or the default. */
export function createFlowConfigService(deps: { flowConfig: FlowConfigRepository }) {
  return {
    /** The stored FlowConfig, or the default when none is stored (or what is stored no longer parses). */
    async read(): Promise<FlowConfig> {
      return flowConfigOrDefault(await deps.flowConfig.read());
    },

    async replace(config: FlowConfig): Promise<FlowConfig> {
      await deps.flowConfig.write(config);
      return config;
    },
  };
}
export type FlowConfigService = ReturnType<typeof createFlowConfigService>;
