import type { CoachApi } from '../api.ts';

/**
 * `coach prompts lint`: every stored version of every prompt, checked by the Backend's lint (the rules a
 * new version is saved under). Prints each problem as `prompt vN line:column text message (did you mean …?)`;
 * exit 1 when any version has a problem, 0 otherwise. Warnings are printed but do not fail.
 */
export async function lintAllPrompts(api: CoachApi): Promise<number> {
  let versionsWithProblems = 0;
  let versionsChecked = 0;
  for (const { id, name } of await api.prompts()) {
    for (const version of (await api.prompt(id)).versions) {
      versionsChecked++;
      const { problems, warnings } = await api.lintPromptText(id, version.prompt_text);
      const where = `${name} v${version.version_number}`;
      for (const problem of problems) {
        const hint = problem.suggestion === undefined ? '' : ` (did you mean ${problem.suggestion}?)`;
        console.log(`${where} ${problem.line}:${problem.column} ${problem.text} ${problem.message}${hint}`);
      }
      for (const warning of warnings) {
        const at = warning.line === undefined ? '' : ` ${warning.line}:${warning.column}`;
        console.log(`${where}${at} warning: ${warning.message}`);
      }
      if (problems.length > 0) versionsWithProblems++;
    }
  }
  console.log(
    versionsWithProblems === 0
      ? `${versionsChecked} prompt versions checked: no placeholder problems.`
      : `${versionsChecked} prompt versions checked: ${versionsWithProblems} with placeholder problems.`,
  );
  return versionsWithProblems > 0 ? 1 : 0;
}
