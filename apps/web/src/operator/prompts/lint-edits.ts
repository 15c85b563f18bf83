import type { LintProblem } from '@coach/core';

/** Where a 1-based line and column (UTF-16 code units, as the lint counts) falls in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return text.length;
    lineStart = newline + 1;
  }
  return Math.min(lineStart + column - 1, text.length);
}

export interface SuggestionEdit {
  text: string;
  /** Where the caret goes: right after the replacement. */
  caret: number;
}

/**
 * Puts the problem's suggestion in place of its token. Null when there is no suggestion or the token is no
 * longer where the lint found it (the text changed since).
 */
export function applySuggestion(text: string, problem: LintProblem): SuggestionEdit | null {
  if (problem.suggestion === undefined) return null;
  const start = offsetOf(text, problem.line, problem.column);
  const end = start + problem.text.length;
  if (text.slice(start, end) !== problem.text) return null;
  return {
    text: text.slice(0, start) + problem.suggestion + text.slice(end),
    caret: start + problem.suggestion.length,
  };
}

/** The problem's line cut around its token, so the token can be shown marked in its context. */
export interface ProblemContext {
  before: string;
  token: string;
  after: string;
}

const CONTEXT_CHARS = 40;

export function problemContext(text: string, problem: LintProblem): ProblemContext {
  const start = offsetOf(text, problem.line, problem.column);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 ? text.length : newline;
  const end = Math.min(start + problem.text.length, lineEnd);
  const from = Math.max(lineStart, start - CONTEXT_CHARS);
  const to = Math.min(lineEnd, end + CONTEXT_CHARS);
  return {
    before: (from > lineStart ? '…' : '') + text.slice(from, start),
    token: text.slice(start, end),
    after: text.slice(end, to) + (to < lineEnd ? '…' : ''),
  };
}
