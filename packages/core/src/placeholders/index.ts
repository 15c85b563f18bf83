export { MEMORY_FALLBACK } from './memory.ts';
export { PERSONA_FALLBACK } from './persona.ts';
export { renderTemplate, type TemplateVariables } from './template.ts';
export type { SnippetOptions } from './truncate.ts';
