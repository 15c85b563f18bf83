import { DEFAULT_FLOW_CONFIG, FlowConfig } from '@coach/core';
import type { FlowConfigRepository } from '@coach/data';

/** The Brain's FlowConfig: the stored document, or the default. */
export function createFlowConfigService(deps: { flowConfig: FlowConfigRepository }) {
  return {
    /** The stored FlowConfig, or the default when none is stored (or what is stored no longer parses). */
    async read(): Promise<FlowConfig> {
      const stored = await deps.flowConfig.read();
      const parsed = stored ? FlowConfig.safeParse(stored) : undefined;
      return parsed?.success ? parsed.data : DEFAULT_FLOW_CONFIG;
    },

    async replace(config: FlowConfig): Promise<FlowConfig> {
      await deps.flowConfig.write(config);
      return config;
    },
  };
}
export type FlowConfigService = ReturnType<typeof createFlowConfigService>;
