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

/**
 * The FlowConfig step whose settings (its history switch) a prompt is rendered with: the chat pipeline's
 * step that uses that prompt; a prompt outside the chat path counts as a step of its own name. The
 * Brain's steps and the Backend's prompt preview both ask this, so they cannot disagree.
 */
export function settingsStepOf(promptName: string, config: FlowConfig): string {
  switch (promptName) {
    case 'intent_gathering':
      return 'intent_identification';
    case 'response_generation':
    case 'response_generation_personal':
    case 'response_generation_conversational':
      return 'initial_response_generation';
    case 'follow_up_response':
      return config.use_simplified_mode ? 'simplified_conversation' : 'initial_response_generation';
    default:
      return promptName;
  }
}

/** A step's effective settings: a step absent from the stored config is enabled with its defaults. */
export function stepSettings(config: FlowConfig, name: string): FlowStep {
  const stored = config.steps.find((step) => step.name === name);
  if (stored) return stored;
  const fallback = DEFAULT_FLOW_STEPS.find((step) => step.name === name);
  return fallback ?? FlowStep.parse({ name });
}
