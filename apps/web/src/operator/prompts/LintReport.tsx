import type { LintProblem, LintWarning } from '@coach/core';
import { problemContext } from './lint-edits.ts';

interface LintReportProps {
  /** The text the problems were found in, to show each token in its line. */
  text: string;
  problems: readonly LintProblem[];
  warnings: readonly LintWarning[];
  onApply: (problem: LintProblem) => void;
  /** The summary's id, for the text box's aria-describedby. */
  summaryId: string;
}

/** The lint of the text being edited: each problem marked in its line, its suggestion one click away. */
export function LintReport({ text, problems, warnings, onApply, summaryId }: LintReportProps) {
  return (
    <div className="lint-report">
      <p id={summaryId} className={problems.length === 0 ? 'lint-summary clean' : 'lint-summary'} role="status">
        {problems.length === 0
          ? 'No placeholder problems.'
          : problems.length === 1
            ? '1 placeholder problem: it would reach the student as written.'
            : `${problems.length} placeholder problems: they would reach the student as written.`}
      </p>
      {problems.length > 0 && (
        <ul className="lint-problems" aria-label="Placeholder problems">
          {problems.map((problem) => {
            const context = problemContext(text, problem);
            return (
              <li key={`${problem.line}:${problem.column}:${problem.text}`}>
                <code className="lint-line">
                  <span className="lint-position">
                    {problem.line}:{problem.column}
                  </span>{' '}
                  {context.before}
                  <mark className="lint-token">{context.token}</mark>
                  {context.after}
                </code>
                <span className="lint-message">{problem.message}</span>
                {problem.suggestion !== undefined && (
                  <button type="button" className="token" onClick={() => onApply(problem)}>
                    Use {problem.suggestion}
                    <span className="visually-hidden">
                      {' '}
                      instead of {problem.text} at line {problem.line}, column {problem.column}
                    </span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="lint-warnings" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={`${warning.line ?? ''}:${warning.column ?? ''}:${warning.message}`}>
              {warning.line !== undefined && (
                <span className="lint-position">
                  {warning.line}:{warning.column}{' '}
                </span>
              )}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
