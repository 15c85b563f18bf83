import { z } from 'zod';

/** One step of the Brain's pipeline as the operator configures it (docs/api/admin.md, FlowConfig). */
export const FlowStep = z.object({
  name: z.string().min(1).max(100),
  enabled: z.boolean().default(true),
  use_conversation_history: z.boolean().default(false),
  is_use_conversation_history_valid: z.boolean().default(true),
  is_allowed_to_change_enabled: z.boolean().default(true),
});
export type FlowStep = z.infer<typeof FlowStep>;

const DEFAULT_FLOW_STEPS: FlowStep[] = [
  {
    name: 'intent_identification',
    enabled: true,
    use_conversation_history: true,
    is_use_conversation_history_valid: true,
    is_allowed_to_change_enabled: false,
  },
  {
    name: 'knowledge_retrieval',
    enabled: true,
    use_conversation_history: false,
    is_use_conversation_history_valid: true,
    is_allowed_to_change_enabled: true,
  },
  {
    name: 'initial_response_generation',
    enabled: true,
    use_conversation_history: true,
    is_use_conversation_history_valid: true,
    is_allowed_to_change_enabled: false,
  },
  {
    name: 'learning_enhancement',
    enabled: true,
    use_conversation_history: false,
    is_use_conversation_history_valid: true,
    is_allowed_to_change_enabled: true,
  },
  {
    name: 'simplified_conversation',
    enabled: true,
    use_conversation_history: true,
    is_use_conversation_history_valid: true,
    is_allowed_to_change_enabled: false,
  },
];

/** The Brain's flow configuration, kept in the database through the Backend. */
export const FlowConfig = z
  .object({
    use_simplified_mode: z.boolean().default(true),
    steps: z.array(FlowStep).max(50).default([]),
  })
  .meta({ id: 'FlowConfig' });
export type FlowConfig = z.infer<typeof FlowConfig>;

export const DEFAULT_FLOW_CONFIG: FlowConfig = { use_simplified_mode: true, steps: DEFAULT_FLOW_STEPS };

/** A step's effective settings: a step absent from the stored config is enabled with its defaults. */
export function stepSettings(config: FlowConfig, name: string): FlowStep {
  const stored = config.steps.find((step) => step.name === name);
  if (stored) return stored;
  const fallback = DEFAULT_FLOW_STEPS.find((step) => step.name === name);
  return fallback ?? FlowStep.parse({ name });
}
