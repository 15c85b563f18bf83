export {
  INSTRUCTION_PATTERNS,
  instructionLikeKeys,
  instructionPatternsIn,
  looksLikeInstruction,
} from './instruction-like.ts';
export { type LintProblem, type LintWarning, lintTemplate, type TemplateLint } from './lint.ts';
export { MEMORY_FALLBACK } from './memory.ts';
export { PERSONA_FALLBACK } from './persona.ts';
export { PROMPT_PURPOSES, type PromptPurpose, type PromptPurposeSpec, promptPurposeOf } from './purposes.ts';
export {
  type Injection,
  renderTemplate,
  renderTemplateWithInjections,
  type TemplateRendering,
  type TemplateVariables,
} from './template.ts';
export type { SnippetOptions } from './truncate.ts';
export { formatHistory, HISTORY_WINDOW, turnTemplateVariables } from './turn-variables.ts';
