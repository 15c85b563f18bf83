// the estimate lives in core: the Backend's dry runs count with the same rule
export { CHARACTERS_PER_TOKEN, estimateTokens } from '@coach/core';
