import { renderMemorySnippet } from './memory.ts';
import { parseRequestedKeys, TEMPLATE_VARIABLE_SCAN } from './patterns.ts';
import { renderPersonaJson, renderPersonaSnippet } from './persona.ts';
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

/** Where one placeholder's text landed in the rendered prompt: `rendered.slice(start, end)`. */
export interface Injection {
  /** The token as the template wrote it, e.g. `{{USER_PERSONA__persona}}`. */
  placeholder: string;
  start: number;
  end: number;
}

export interface TemplateRendering {
  text: string;
  injections: Injection[];
}

/**
 * Fills every template variable in one pass over the template. Inserted text (the student's query,
 * history, persona, memory) is never scanned again, so a student who types `{{USER_PERSONA}}` sees it
 * stay literal. Unknown `{{…}}` tokens are left as written.
 */
export function renderTemplate(template: string, variables: TemplateVariables, options: SnippetOptions = {}): string {
  return renderTemplateWithInjections(template, variables, options).text;
}

/** `renderTemplate`, also saying where each replaced token's text is in the result (the operator's preview). */
export function renderTemplateWithInjections(
  template: string,
  variables: TemplateVariables,
  options: SnippetOptions = {},
): TemplateRendering {
  if (!template.includes('{{')) return { text: template, injections: [] };
  // a token repeated in a template renders once
  const renderedTokens = new Map<string, string>();
  const injections: Injection[] = [];
  let text = '';
  let copiedUpTo = 0;
  for (const match of template.matchAll(TEMPLATE_VARIABLE_SCAN)) {
    const [token, plain, keyed, keyPart, other] = match;
    const rendered = renderToken(token, plain, keyed, keyPart, other, variables, options, renderedTokens);
    if (rendered === undefined) continue;
    text += template.slice(copiedUpTo, match.index);
    injections.push({ placeholder: token, start: text.length, end: text.length + rendered.length });
    text += rendered;
    copiedUpTo = match.index + token.length;
  }
  return { text: text + template.slice(copiedUpTo), injections };
}

/** The text a token becomes, or undefined for a step variable nobody filled (it stays as written). */
function renderToken(
  token: string,
  plain: string | undefined,
  keyed: string | undefined,
  keyPart: string | undefined,
  other: string | undefined,
  variables: TemplateVariables,
  options: SnippetOptions,
  renderedTokens: Map<string, string>,
): string | undefined {
  if (other !== undefined) {
    return variables.extra && Object.hasOwn(variables.extra, other) ? variables.extra[other]! : undefined;
  }
  const known = renderedTokens.get(token);
  if (known !== undefined) return known;
  const variable = (plain ?? keyed) as TemplateVariableName;
  const rendered = renderPlaceholder(variable, parseRequestedKeys(keyPart), variables, options);
  renderedTokens.set(token, rendered);
  return rendered;
}

function renderPlaceholder(
  variable: TemplateVariableName,
  keys: string[] | null,
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
