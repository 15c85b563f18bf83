export { createLlmClient, type LlmClient, type LlmClientOptions, type LlmRequest, type LlmText } from './client.ts';
export {
  type CallSettings,
  DEFAULT_LLM_CONFIG,
  describeLlmChoice,
  type Env,
  type LlmConfigFile,
  type LlmSettings,
  loadLlmConfig,
  loadLlmSettings,
  type ProviderName,
  parseLlmConfig,
  resolveLlmSettings,
} from './config.ts';
export { LlmCallError, LlmConfigError, type LlmFailureKind } from './errors.ts';
export { offlineOutput } from './offline.ts';
export * from './schemas.ts';
