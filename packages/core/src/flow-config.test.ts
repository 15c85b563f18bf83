import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_CONFIG, settingsStepOf, stepSettings } from './flow-config.ts';

describe('settingsStepOf', () => {
  it('renders each chat prompt with the history setting of the pipeline step that uses it', () => {
    expect(settingsStepOf('intent_gathering', DEFAULT_FLOW_CONFIG)).toBe('intent_identification');
    for (const name of ['response_generation', 'response_generation_personal', 'response_generation_conversational']) {
      expect(settingsStepOf(name, DEFAULT_FLOW_CONFIG)).toBe('initial_response_generation');
    }
    expect(settingsStepOf('knowledge_retrieval', DEFAULT_FLOW_CONFIG)).toBe('knowledge_retrieval');
  });

  it('renders a follow-up with the simplified step in simplified mode and the initial response otherwise', () => {
    expect(settingsStepOf('follow_up_response', { ...DEFAULT_FLOW_CONFIG, use_simplified_mode: true })).toBe(
      'simplified_conversation',
    );
    expect(settingsStepOf('follow_up_response', { ...DEFAULT_FLOW_CONFIG, use_simplified_mode: false })).toBe(
      'initial_response_generation',
    );
  });

  it('lets a step the operator switched history off for take effect through the mapping', () => {
    const config = {
      ...DEFAULT_FLOW_CONFIG,
      steps: [{ ...stepSettings(DEFAULT_FLOW_CONFIG, 'initial_response_generation'), use_conversation_history: false }],
    };
    expect(stepSettings(config, settingsStepOf('response_generation_personal', config)).use_conversation_history).toBe(
      false,
    );
  });
});
