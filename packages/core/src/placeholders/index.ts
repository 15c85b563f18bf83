export { escapeSnippetText, formatSnippetValue, NOT_AVAILABLE } from './format.ts';
export { extractMemoryPlaceholders, injectMemoryPlaceholders, MEMORY_FALLBACK, renderMemorySnippet } from './memory.ts';
export { type FoundPlaceholder, MEMORY_PLACEHOLDER_PATTERN, PERSONA_PLACEHOLDER_PATTERN } from './patterns.ts';
export {
  extractPersonaPlaceholders,
  injectPersonaPlaceholders,
  PERSONA_FALLBACK,
  renderPersonaJson,
  renderPersonaSnippet,
} from './persona.ts';
export { type KeySelection, selectRequestedKeys } from './snippet.ts';
export {
  type RenderedPlaceholder,
  renderTemplate,
  renderTemplateWithReport,
  type TemplateRendering,
  type TemplateVariableName,
  type TemplateVariables,
} from './template.ts';
export { type SnippetOptions, TRUNCATION_MARKER, truncateSnippet } from './truncate.ts';
