import type { ModelPrice, ProviderName } from '../llm/config.ts';

/**
 * What one call cost at the configured prices (LLM_CONFIG `prices`, USD per million tokens): null when
 * the model has no price (never a guess); 0 for the offline model, which runs in the Brain and bills nobody.
 */
export function callCostUsd(
  provider: ProviderName,
  model: string,
  prices: Readonly<Record<string, ModelPrice>>,
  inputTokens: number,
  outputTokens: number,
): number | null {
  if (provider === 'offline') return 0;
  const price = prices[model];
  if (!price) return null;
  return (inputTokens * price.inputUsdPerMillion + outputTokens * price.outputUsdPerMillion) / 1_000_000;
}
