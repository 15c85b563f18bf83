import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import type { DatabaseKind, Scenario, ScenarioResult } from './scenario.ts';
import { chatTurns } from './scenarios/chat-turns.ts';
import { personaRefresh } from './scenarios/persona-refresh.ts';
import { rendering } from './scenarios/rendering.ts';
import { safetyScreen } from './scenarios/safety-screen.ts';
import { selections } from './scenarios/selections.ts';
import { turnAnatomy } from './scenarios/turn-anatomy.ts';
import { usageLedger } from './scenarios/usage-ledger.ts';

const SCENARIOS: Scenario[] = [
  chatTurns,
  turnAnatomy,
  usageLedger,
  safetyScreen,
  personaRefresh,
  selections,
  rendering,
];

const here = path.dirname(fileURLToPath(import.meta.url));

function printTable(rows: ScenarioResult['rows']): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
}

const program = new Command()
  .name('bench')
  .description('Runs the benchmark scenarios and prints their figures.')
  .addOption(new Option('-s, --scenario <name...>', 'scenarios to run').choices(SCENARIOS.map((s) => s.name)))
  .addOption(
    new Option('--db <kind...>', 'embedded: the default system, its own server in DATA_DIR; postgres: --postgres-url')
      .choices(['embedded', 'postgres'])
      .default(['embedded', 'postgres']),
  )
  .option(
    '--postgres-url <url>',
    'external PostgreSQL server (a database is created per run and dropped after)',
    process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  )
  .option('--quick', 'a smaller run of each scenario, for a quick look', false)
  .option('--shared <dir>', 'the shared folder with bench data', path.resolve(here, '..', '..', 'shared'));

const options = program.parse().opts<{
  scenario?: string[];
  db: DatabaseKind[];
  postgresUrl: string;
  shared: string;
  quick: boolean;
}>();
const chosen = SCENARIOS.filter((s) => !options.scenario || options.scenario.includes(s.name));
let failed = 0;
for (const scenario of chosen) {
  console.log(`\n## ${scenario.title}`);
  try {
    const result = await scenario.run({
      sharedDir: options.shared,
      databases: options.db,
      postgresUrl: options.postgresUrl,
      quick: options.quick,
      log: (line) => console.error(`  [${scenario.name}] ${line}`),
    });
    printTable(result.rows);
    for (const line of result.summary) console.log(line);
  } catch (error) {
    failed++;
    console.log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
// figures are reported, never asserted: only a scenario that could not run fails the bench
process.exit(failed > 0 ? 1 : 0);
