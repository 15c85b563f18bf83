import type { FlowConfig } from '@coach/core';
import {
  type AuditActor,
  createFlowConfigRepository,
  type Db,
  type FlowConfigRepository,
  flowConfigOrDefault,
} from '@coach/data';
import { audited } from '../audit/repository.ts';

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

/** An operator's replacement of the FlowConfig, with its audit entry (the steps switched on, by name). */
export function replaceFlowConfigAsOperator(db: Db, actor: AuditActor, config: FlowConfig): Promise<FlowConfig> {
  return audited(
    db,
    actor,
    (tx) => createFlowConfigService({ flowConfig: createFlowConfigRepository(tx) }).replace(config),
    () => ({
      action: 'flow_config.replace',
      targetType: 'flow_config',
      targetId: null,
      details: {
        use_simplified_mode: config.use_simplified_mode,
        enabled_steps: config.steps.filter((step) => step.enabled).map((step) => step.name),
      },
    }),
  );
}
