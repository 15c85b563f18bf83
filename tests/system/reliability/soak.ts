import { startTestServer } from '../../../apps/backend/test/postgres-server.ts';
import { startSystem } from '../../../apps/brain/test/system.ts';
import { queryThrough } from './api.ts';
import { type CrashFigures, runCrashRecovery } from './crash-recovery.ts';
import { startFaultyLlm } from './faulty-llm.ts';
import { type FaultyLoadFigures, runFaultyLlmLoad } from './faulty-llm-load.ts';
import { runPostgresRestart } from './pg-restart.ts';
import { startPrivatePostgres } from './private-postgres.ts';
import { startProcessSystem } from './processes.ts';
import { SOAK } from './profiles.ts';

/**
 * `npm run soak`: the reliability suite's long profile on PostgreSQL. Prints the figures of each scenario
 * and exits 1 when a promise was broken (a turn or job stuck, a memory lost, a reply duplicated, an
 * unexpected 5xx, invalid output stored, the health route lying). The restart scenario stops and starts a
 * PostgreSQL server of its own, never the machine's.
 */

// the server the scenarios create their databases on: TEST_POSTGRES_URL, else an embedded one for the run
const testServer = await startTestServer();
process.env.TEST_POSTGRES_URL = testServer.url;

const broken: string[] = [];
const check = (scenario: string, what: string, ok: boolean) => {
  if (!ok) broken.push(`${scenario}: ${what}`);
};
const started = Date.now();
// `npm run soak -- crash restart` runs only those scenarios
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted('faulty-llm')) {
  console.log(
    `## Faulty LLM: ${SOAK.turns} chat turns and persona refreshes for ${SOAK.students} students, ${SOAK.failureRate * 100}% of model calls failing`,
  );
  const faulty = await faultyLlmScenario();
  printTable([
    {
      turns: faulty.turns,
      replied: faulty.replied,
      'failed (502)': faulty.turnsFailed,
      stuck: faulty.turnsStuck,
      refreshes: faulty.refreshes,
      'refresh completed': faulty.refreshesCompleted,
      'refresh failed': faulty.refreshesFailed,
      'refresh stuck': faulty.refreshesStuck,
      'LLM calls': faulty.llmCalls,
      'failures injected': faulty.faultsInjected,
      lost: faulty.lost.length + faulty.overwrittenByFailure.length,
      'invalid stored': faulty.invalidStored.length,
      duplicated: faulty.duplicated,
      '5xx': faulty.unexpected5xx,
    },
  ]);
  console.log(`failures injected by kind: ${JSON.stringify(faulty.faultsByKind)}`);
  check('faulty LLM', 'a turn got an unexpected answer', faulty.unexpectedAnswers.length === 0);
  check('faulty LLM', 'a turn stuck', faulty.turnsStuck === 0);
  check('faulty LLM', 'a refresh stuck', faulty.refreshesStuck === 0);
  check('faulty LLM', 'a refresh failed without a reason', faulty.refreshesWithoutReason === 0);
  check('faulty LLM', 'a memory or persona lost', faulty.lost.length === 0);
  check('faulty LLM', 'a failed generation changed what was stored', faulty.overwrittenByFailure.length === 0);
  check('faulty LLM', 'invalid output stored', faulty.invalidStored.length === 0);
  check('faulty LLM', 'a reply duplicated', faulty.duplicated === 0);
  check('faulty LLM', 'an unexpected 5xx', faulty.unexpected5xx === 0);
}

if (wanted('crash')) {
  console.log('\n## Crashes: a Brain process killed (SIGKILL) mid-batch and mid-turn, 3 rounds');
  const crash = await crashScenario();
  printTable([
    {
      turns: crash.turns,
      'in flight at kill': crash.turnsInFlightAtKill,
      replied: crash.replied,
      'failed (502)': crash.turnsFailed,
      stuck: crash.stuck,
      duplicated: crash.duplicated,
      memories: crash.memories,
      'memories unwritten at kill': crash.memoriesUnwrittenAtKill,
      lost: crash.lostMemories,
      'batches completed': crash.jobsCompleted,
      '5xx': crash.unexpected5xx,
      'turn recovery (s)': crash.turnRecoverySeconds,
      'batch recovery (s)': crash.batchRecoverySeconds,
    },
  ]);
  check('crash', 'a turn stuck', crash.stuck === 0);
  check('crash', 'a turn not answered', crash.replied === crash.turns);
  check('crash', 'a reply duplicated', crash.duplicated === 0);
  check('crash', 'a memory lost', crash.lostMemories === 0);
  check('crash', 'a batch not completed', crash.jobsCompleted === crash.rounds);
  check('crash', 'invalid output stored', crash.invalidStored.length === 0);
  check('crash', 'an unexpected 5xx', crash.unexpected5xx === 0);
}

if (wanted('restart')) {
  console.log('\n## PostgreSQL stopped for 5 s and started again while students chat');
  const restart = await restartScenario();
  printTable([
    {
      turns: restart.turns,
      replied: restart.replied,
      'failed (502)': restart.turnsFailed,
      stuck: restart.stuck,
      duplicated: restart.duplicated,
      'refused while down (5xx)': restart.refusedDuringOutage,
      '5xx otherwise': restart.refusedOtherwise,
      'health samples while down': restart.healthSamplesDown,
      'health lies': restart.healthLiesDown,
      'health ok after (s)': restart.healthRecoverySeconds,
      'chat ok after (s)': restart.chatRecoverySeconds,
    },
  ]);
  console.log(`health during the run: ${restart.healthTimeline}`);
  console.log(`statuses of the messages refused while down: ${JSON.stringify(restart.refusedStatuses)}`);
  check(
    'restart',
    'a message refused while down with another status than 503',
    Object.keys(restart.refusedStatuses).every((status) => status === '503'),
  );
  check('restart', 'a turn stuck', restart.stuck === 0);
  check('restart', 'a reply duplicated', restart.duplicated === 0);
  check('restart', 'a 5xx while the database was up', restart.refusedOtherwise === 0);
  check('restart', 'the health route lied while the database was down', restart.healthLiesDown === 0);
  check('restart', 'the health route never recovered', Number.isFinite(restart.healthRecoverySeconds));
  check('restart', 'chat never recovered', Number.isFinite(restart.chatRecoverySeconds));
}

await testServer.stop();
console.log(`\nSoak finished in ${Math.round((Date.now() - started) / 1000)} s.`);
if (broken.length > 0) {
  console.log(`BROKEN:\n- ${broken.join('\n- ')}`);
  process.exit(1);
}
console.log('Every promise held.');
process.exit(0);

async function faultyLlmScenario(): Promise<FaultyLoadFigures> {
  const llm = await startFaultyLlm({ failureRate: SOAK.failureRate, seed: 2024, latencyMs: 20 });
  const system = await startSystem({ env: { LLM_CONFIG: llm.configPath } });
  try {
    return await runFaultyLlmLoad(system.backend, queryThrough(system.backend.database), llm, {
      students: SOAK.students,
      turns: SOAK.turns,
    });
  } finally {
    await system.close();
    await llm.close();
  }
}

async function crashScenario(): Promise<CrashFigures> {
  const system = await startProcessSystem();
  try {
    return await runCrashRecovery(system, { rounds: 3, turns: 30, memories: 12 });
  } finally {
    await system.stop();
  }
}

async function restartScenario() {
  const server = await startPrivatePostgres();
  const system = await startProcessSystem({ serverUrl: server.url });
  try {
    await system.startBrain({ OFFLINE_LLM_LATENCY_MS: '200' });
    return await runPostgresRestart(system, server, { students: 8, loadSeconds: 5, downSeconds: 5 });
  } finally {
    await system.stop();
    await server.remove();
  }
}

function printTable(rows: Record<string, string | number>[]) {
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
}
