import { nearestName } from './nearest.ts';
import { KEYED_VARIABLES, type KeyedVariableName, PLAIN_VARIABLES, TEMPLATE_VARIABLE_SCAN } from './patterns.ts';
import { type PromptPurposeSpec, promptPurposeOf, STEP_VARIABLES } from './purposes.ts';

/** A token that looks like a placeholder but that the renderer would not replace (or not fully). */
export interface LintProblem {
  /** 1-based; the column counts UTF-16 code units, as editors in the browser do. */
  line: number;
  column: number;
  text: string;
  message: string;
  /** The nearest valid spelling, when one is close. */
  suggestion?: string;
}

/** A template that renders but is probably wrong for its prompt; without a position when it is about an absence. */
export interface LintWarning {
  line?: number;
  column?: number;
  text?: string;
  message: string;
}

export interface TemplateLint {
  problems: LintProblem[];
  warnings: LintWarning[];
}

const KEYED_NAMES = Object.keys(KEYED_VARIABLES) as KeyedVariableName[];
const PLACEHOLDER_NAMES: readonly string[] = [...PLAIN_VARIABLES, ...KEYED_NAMES, ...STEP_VARIABLES];
const WHOLE_TOKEN = new RegExp(`^${TEMPLATE_VARIABLE_SCAN.source}$`);
// how far a candidate's inside may run before the lint stops treating it as one token
const MAX_INSIDE = 200;

/** A brace-delimited stretch of the template: `{{inside}}`, or half of one. */
interface Candidate {
  start: number;
  end: number;
  opening: number;
  closing: number;
  inside: string;
}

/**
 * Checks a prompt template against the placeholder grammar the renderer uses (same names, same key
 * allowlists). Given the prompt's name, it also warns about placeholders that prompt is not rendered with
 * (docs/api/prompts.md, "Lint").
 */
export function lintTemplate(template: string, promptName?: string): TemplateLint {
  const problems: LintProblem[] = [];
  const used: { name: string; candidate: Candidate }[] = [];
  const position = positionFinder(template);
  for (const candidate of findCandidates(template)) {
    if (!looksLikePlaceholder(candidate)) continue;
    const text = template.slice(candidate.start, candidate.end);
    const verdict = judgeToken(text, candidate);
    if ('name' in verdict) {
      used.push({ name: verdict.name, candidate });
      continue;
    }
    const suggestion = suggestPlaceholder(candidate.inside);
    problems.push({
      ...position(candidate.start),
      text,
      message: verdict.problem,
      ...(suggestion !== undefined && suggestion !== text ? { suggestion } : {}),
    });
  }
  const purpose = promptName === undefined ? undefined : promptPurposeOf(promptName);
  const warnings = purpose === undefined ? [] : purposeWarnings(template, promptName!, purpose, used, position);
  return { problems, warnings };
}

function findCandidates(template: string): Candidate[] {
  const candidates: Candidate[] = [];
  let index = 0;
  let scannedUpTo = 0;
  while (index < template.length) {
    const char = template[index];
    if (char === '{') {
      const insideStart = runEnd(template, index, '{');
      let insideEnd = insideStart;
      while (
        insideEnd < template.length &&
        insideEnd - insideStart < MAX_INSIDE &&
        !'{}\n'.includes(template[insideEnd]!)
      )
        insideEnd++;
      const closingEnd = runEnd(template, insideEnd, '}');
      if (closingEnd > insideEnd) {
        candidates.push({
          start: index,
          end: closingEnd,
          opening: insideStart - index,
          closing: closingEnd - insideEnd,
          inside: template.slice(insideStart, insideEnd),
        });
        index = closingEnd;
      } else {
        // never closed: the token is the braces and the word right after them
        const word = /^[ \t]*[A-Za-z0-9_]*/.exec(template.slice(insideStart, insideEnd))![0];
        candidates.push({
          start: index,
          end: insideStart + word.length,
          opening: insideStart - index,
          closing: 0,
          inside: word,
        });
        index = insideEnd;
      }
      scannedUpTo = index;
    } else if (char === '}') {
      // closing braces nothing opened: the token is the word right before them and the braces
      const closingEnd = runEnd(template, index, '}');
      const before = template.slice(Math.max(scannedUpTo, index - MAX_INSIDE), index);
      const word = /[A-Za-z0-9_]*[ \t]*$/.exec(before)![0];
      candidates.push({
        start: index - word.length,
        end: closingEnd,
        opening: 0,
        closing: closingEnd - index,
        inside: word,
      });
      index = closingEnd;
      scannedUpTo = index;
    } else {
      index++;
    }
  }
  return candidates;
}

function runEnd(template: string, from: number, brace: string): number {
  let end = from;
  while (template[end] === brace) end++;
  return end;
}

/**
 * Double opening braces are always a placeholder attempt; anything else only when the inside reads like a
 * placeholder name (all capitals, or close to a known name), so JSON examples in a prompt are left alone.
 */
function looksLikePlaceholder(candidate: Candidate): boolean {
  if (candidate.opening >= 2) return true;
  const inside = candidate.inside.trim();
  if (inside === '') return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(inside)) return true;
  return nameNear(inside) !== undefined;
}

type Verdict = { name: string } | { problem: string };

function judgeToken(text: string, candidate: Candidate): Verdict {
  const match = WHOLE_TOKEN.exec(text);
  if (match === null) return { problem: malformedMessage(candidate) };
  const [, plain, keyed, keyPart, other] = match;
  if (plain !== undefined) return { name: plain };
  if (keyed !== undefined) {
    if (keyPart === undefined) return { name: keyed };
    const keys = keyPart.split('__');
    if (keys.includes('')) return { problem: `${keyed} keys are joined by two underscores, with no empty key.` };
    const allowed: readonly string[] = KEYED_VARIABLES[keyed as KeyedVariableName];
    const unknown = keys.filter((key) => !allowed.includes(key));
    if (unknown.length === 0) return { name: keyed };
    return {
      problem: `${keyed} has no key ${unknown.map((key) => `'${key}'`).join(', ')}; its keys are ${allowed.join(', ')}.`,
    };
  }
  if (STEP_VARIABLES.includes(other!)) return { name: other! };
  return { problem: `${other} is not a placeholder.` };
}

function malformedMessage({ opening, closing, inside }: Candidate): string {
  if (opening !== 2 || closing !== 2) return 'A placeholder has two braces on each side: {{NAME}}.';
  if (/\s/.test(inside)) return 'A placeholder has no spaces inside its braces.';
  return 'Not a placeholder: names are upper case (QUERY, USER_PERSONA, …) and keys follow two underscores.';
}

/** The closest valid placeholder to what was typed: the name fixed first, then each key. */
export function suggestPlaceholder(inside: string): string | undefined {
  const typed = inside.replace(/\s+/g, '');
  if (typed === '') return undefined;
  const { name, keyPart } = splitNameAndKeys(typed);
  const validName = nameNear(name);
  if (validName === undefined) return undefined;
  if (keyPart === undefined || !(validName in KEYED_VARIABLES)) return `{{${validName}}}`;
  const allowed: readonly string[] = KEYED_VARIABLES[validName as KeyedVariableName];
  const keys: string[] = [];
  for (const key of keyPart.split(/_{2,}/).filter((part) => part !== '')) {
    const valid = allowed.includes(key) ? key : nearestName(key.toLowerCase(), allowed);
    if (valid === undefined) return undefined;
    if (!keys.includes(valid)) keys.push(valid);
  }
  return keys.length === 0 ? `{{${validName}}}` : `{{${validName}__${keys.join('__')}}}`;
}

/** `USER_PERSONA__persona` → name and keys; also `USER_PERSONA_persona`, where one underscore went missing. */
function splitNameAndKeys(typed: string): { name: string; keyPart: string | undefined } {
  const upper = typed.toUpperCase();
  for (const keyed of KEYED_NAMES) {
    if (upper.startsWith(`${keyed}_`) && !PLACEHOLDER_NAMES.includes(upper)) {
      return { name: keyed, keyPart: typed.slice(keyed.length).replace(/^_+/, '') };
    }
  }
  const split = typed.indexOf('__');
  return split === -1
    ? { name: typed, keyPart: undefined }
    : { name: typed.slice(0, split), keyPart: typed.slice(split + 2) };
}

function nameNear(typed: string): string | undefined {
  const name = splitNameAndKeys(typed.replace(/[^A-Za-z0-9_]/g, '')).name.toUpperCase();
  if (name === '') return undefined;
  return PLACEHOLDER_NAMES.includes(name) ? name : nearestName(name, PLACEHOLDER_NAMES);
}

const PURPOSE_LABEL = {
  chat: 'a chat step',
  memory_generation: 'memory generation',
  persona_generation: 'persona generation',
} as const;

function purposeWarnings(
  template: string,
  promptName: string,
  spec: PromptPurposeSpec,
  used: { name: string; candidate: Candidate }[],
  position: (offset: number) => { line: number; column: number },
): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (const { name, candidate } of used) {
    if (spec.fills.includes(name)) continue;
    warnings.push({
      ...position(candidate.start),
      text: template.slice(candidate.start, candidate.end),
      message: `'${promptName}' is a prompt for ${PURPOSE_LABEL[spec.purpose]}, which does not fill {{${name}}}: ${unfilledEffect(name)}.`,
    });
  }
  if (!used.some(({ name }) => name === spec.expects)) {
    warnings.push({
      message: `'${promptName}' is a prompt for ${PURPOSE_LABEL[spec.purpose]} without {{${spec.expects}}}: ${EXPECTED_BECAUSE[spec.expects] ?? 'it is what this prompt is for'}.`,
    });
  }
  return warnings;
}

const EXPECTED_BECAUSE: Record<string, string> = {
  QUERY: "the model would never see the student's message",
  CONVERSATION_HISTORY: 'the model would never see the conversation it summarises',
  CONVERSATION_MEMORIES: "the model would never see the student's conversation memories",
};

function unfilledEffect(name: string): string {
  if (name === 'USER_PERSONA' || name === 'USER_PERSONA_JSON') return 'it renders as "User persona not available."';
  if (name === 'CONVERSATION_MEMORY') return 'it renders as "Conversation memory not available."';
  if ((PLAIN_VARIABLES as readonly string[]).includes(name)) return 'it renders as empty text';
  return 'it stays in the prompt as written';
}

/** Offsets to 1-based line and column, for offsets visited in increasing order or not. */
function positionFinder(template: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let index = 0; index < template.length; index++) if (template[index] === '\n') lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}
