import type { BackendClient } from '../backend-client.ts';
import type { LlmClient } from '../llm/client.ts';

/** What memory and persona generation work with: the Backend's data and the model. */
export interface GenerationDeps {
  backend: BackendClient;
  llm: LlmClient;
}
