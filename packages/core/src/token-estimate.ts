/**
 * The offline model's token count: it has no tokenizer, so its ledger entries carry an estimate of what
 * a real model would have counted: one token per four characters (UTF-16 code units), rounded up — the
 * rule of thumb OpenAI gives for English text. Prompts with much Hindi or code run higher on real models.
 * The Backend's dry runs estimate with the same rule.
 */
export const CHARACTERS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return tokensOfCharacters(text.length);
}

/** The same estimate from a length alone (a dry run sums transcripts' lengths in SQL). */
export function tokensOfCharacters(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}
