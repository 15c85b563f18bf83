import { MEMORY_SNIPPET, renderMemorySnippet } from './memory.ts';
import { parseRequestedKeys, TEMPLATE_VARIABLE_SCAN } from './patterns.ts';
import { PERSONA_SNIPPET, renderPersonaJson, renderPersonaSnippet } from './persona.ts';
import { selectRequestedKeys } from './snippet.ts';
import type { SnippetOptions } from './truncate.ts';

/** What a prompt template can be filled with. A missing query or history renders as empty text. */
export interface TemplateVariables {
  query?: string;
  conversationHistory?: string;
  persona?: Record<string, unknown> | null;
  memory?: Record<string, unknown> | null;
  /** A step's own variables, e.g. `{ INTENT: '…' }` for `{{INTENT}}`; names not given stay as written. */
  extra?: Readonly<Record<string, string>>;
}

export type TemplateVariableName =
  | 'QUERY'
  | 'CONVERSATION_HISTORY'
  | 'USER_PERSONA'
  | 'USER_PERSONA_JSON'
  | 'CONVERSATION_MEMORY';

/** One distinct token the template used; `invalidKeys` are the keys it named outside the allowlist. */
export interface RenderedPlaceholder {
  token: string;
  variable: TemplateVariableName;
  keys: string[] | null;
  invalidKeys: string[];
}

export interface TemplateRendering {
  text: string;
  placeholders: RenderedPlaceholder[];
}

/**
 * Fills every template variable in one pass over the template. Inserted text (the student's query,
 * history, persona, memory) is never scanned again, so a student who types `{{USER_PERSONA}}` sees it
 * stay literal. Unknown `{{…}}` tokens are left as written.
 */
export function renderTemplate(template: string, variables: TemplateVariables, options: SnippetOptions = {}): string {
  return renderTemplateWithReport(template, variables, options).text;
}

/** `renderTemplate`, also reporting the placeholders found, so the Brain can log invalid keys. */
export function renderTemplateWithReport(
  template: string,
  variables: TemplateVariables,
  options: SnippetOptions = {},
): TemplateRendering {
  if (!template.includes('{{')) return { text: template, placeholders: [] };
  // a token repeated in a template renders once
  const renderedTokens = new Map<string, string>();
  const placeholders: RenderedPlaceholder[] = [];
  const text = template.replace(
    TEMPLATE_VARIABLE_SCAN,
    (
      token: string,
      plain: string | undefined,
      keyed: string | undefined,
      keyPart: string | undefined,
      other: string | undefined,
    ) => {
      if (other !== undefined) {
        return variables.extra && Object.hasOwn(variables.extra, other) ? variables.extra[other]! : token;
      }
      const known = renderedTokens.get(token);
      if (known !== undefined) return known;
      const placeholder = describePlaceholder(token, (plain ?? keyed) as TemplateVariableName, keyPart);
      const rendered = renderPlaceholder(placeholder, variables, options);
      renderedTokens.set(token, rendered);
      placeholders.push(placeholder);
      return rendered;
    },
  );
  return { text, placeholders };
}

function describePlaceholder(
  token: string,
  variable: TemplateVariableName,
  keyPart: string | undefined,
): RenderedPlaceholder {
  const keys = parseRequestedKeys(keyPart);
  const allowedKeys = variable === 'USER_PERSONA' ? PERSONA_SNIPPET.allowedKeys : MEMORY_SNIPPET.allowedKeys;
  const invalidKeys = keys === null ? [] : selectRequestedKeys(allowedKeys, keys).invalid;
  return { token, variable, keys, invalidKeys };
}

function renderPlaceholder(
  { variable, keys }: RenderedPlaceholder,
  variables: TemplateVariables,
  options: SnippetOptions,
): string {
  switch (variable) {
    case 'QUERY':
      return variables.query ?? '';
    case 'CONVERSATION_HISTORY':
      return variables.conversationHistory ?? '';
    case 'USER_PERSONA_JSON':
      return renderPersonaJson(variables.persona, options);
    case 'USER_PERSONA':
      return renderPersonaSnippet(variables.persona, keys, options);
    case 'CONVERSATION_MEMORY':
      return renderMemorySnippet(variables.memory, keys, options);
  }
}
