#!/usr/bin/env -S node --max-semi-space-size=8
import { Command, CommanderError, Option } from 'commander';
import { type CoachApi, createCoachApi } from './api.ts';
import { createBackendClient } from './client.ts';
import { type AuditOptions as AuditCliOptions, showAudit } from './commands/audit.ts';
import { loadDemo } from './commands/demo.ts';
import { resumeJob, watchJob } from './commands/jobs.ts';
import { generateAllMemories, generateMemoriesForUser } from './commands/memories.ts';
import {
  approveRevision,
  generateAllPersonas,
  generatePersonaForUser,
  rejectRevision,
  showPersona,
  showPersonaHistory,
  showReviewQueue,
} from './commands/personas.ts';
import { lintAllPrompts } from './commands/prompts.ts';
import { createMember, disableMember, listStaff } from './commands/staff.ts';
import { showUsage } from './commands/usage.ts';
import { type ConnectionOptions, defaultBackendUrl, resolveConnection } from './connection.ts';
import { CliError, UsageError } from './errors.ts';

const program = new Command()
  .name('coach')
  .description('Curiosity Coach: run the system, and operate a running one over its HTTP API.')
  // commander's own usage errors come back to us (exit 2), printed as one `coach: …` line
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`coach: ${text.replace(/^error: /, '')}`) });

program
  .command('start')
  .description(
    'run Backend and Brain in one process (an embedded PostgreSQL server in DATA_DIR/pg unless DATABASE_URL is set)',
  )
  .action(async () => {
    // loaded only here: the other commands need none of the services' code
    const { startAll } = await import('./start.ts');
    const system = await startAll();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void system.stop().then(() => process.exit(0));
      });
    }
  });

/** `--url` and `--token`, on every command that talks to a running system. */
function connected(command: Command): Command {
  return command
    .option('--url <url>', 'the Backend ($BACKEND_URL, else http://127.0.0.1:$PORT)', defaultBackendUrl())
    .option('--token <token>', 'admin token (default: $COACH_ADMIN_TOKEN, else adminToken in $DATA_DIR/secrets.json)');
}

/** Runs a command against the Backend its options name; its answer is the exit code. */
function run<O extends ConnectionOptions>(work: (api: CoachApi, options: O, command: Command) => Promise<number>) {
  return async (options: O, command: Command) => {
    const api = createCoachApi(createBackendClient(resolveConnection(options)));
    process.exitCode = await work(api, options, command);
  };
}

/** One of `--user ID` and `--all`: the two ways every generate command picks whom it works on. */
function target(options: { user?: string; all?: boolean }): { user: string } | { all: true } {
  if (options.user !== undefined) return { user: options.user };
  if (options.all) return { all: true };
  throw new UsageError('say whom to generate for: --user <id> or --all.');
}

const userOption = () => new Option('--user <id>', 'one student, by user id').conflicts('all');

/** The budget and dry-run options of every generate command (docs/api/tasks-and-jobs.md, Budgets). */
interface ControlOptions {
  maxCalls?: string;
  maxTokens?: string;
  dryRun?: boolean;
}
const withBudget = (command: Command) =>
  command
    .option('--max-calls <n>', 'start no more than this many model calls; the job then stops and can be resumed')
    .option('--max-tokens <n>', 'start no model call once the job has used this many tokens');
const withControls = (command: Command) =>
  withBudget(command).option(
    '--dry-run',
    'print what would be selected and the estimated calls and tokens; do nothing',
  );
const controlsOf = (options: ControlOptions) => ({
  maxCalls: options.maxCalls,
  maxTokens: options.maxTokens,
  dryRun: options.dryRun ?? false,
});
const clampOption = (what: string) => new Option('--clamp <n>', `at most this many ${what}; -1 = no limit`);

const personas = program.command('personas').description('student personas, written from their conversation memories');

interface PersonasGenerateOptions extends ConnectionOptions, ControlOptions {
  user?: string;
  all?: boolean;
  refresh: boolean;
  clamp?: string;
  json?: boolean;
}

connected(
  withControls(
    personas
      .command('generate')
      .description("refresh a student's stale memories, then write their persona; or every student who needs one")
      .addOption(userOption())
      .option('--all', 'every student with a memory newer than their persona (one job each)')
      .option('--no-refresh', 'write the persona from the memories as they are (--user only)')
      .addOption(clampOption('conversations to refresh (--user) or students (--all)'))
      .option('--json', 'print the persona record as JSON (--user only)'),
  ),
).action(
  run<PersonasGenerateOptions>(async (api, options, command) => {
    const who = target(options);
    if ('all' in who) {
      if (command.getOptionValueSource('refresh') === 'cli') {
        throw new UsageError('--no-refresh applies to --user only.');
      }
      return generateAllPersonas(api, { clamp: options.clamp }, controlsOf(options));
    }
    return generatePersonaForUser(
      api,
      who.user,
      { refreshMemories: options.refresh, clamp: options.clamp, json: options.json ?? false },
      controlsOf(options),
    );
  }),
);

connected(
  personas
    .command('show')
    .description("print a student's stored persona")
    .requiredOption('--user <id>', 'the student, by user id')
    .option('--json', 'print the persona record as JSON'),
).action(
  run<ConnectionOptions & { user: string; json?: boolean }>((api, options) =>
    showPersona(api, options.user, { json: options.json ?? false }),
  ),
);

connected(
  personas
    .command('history')
    .description("list every revision of a student's persona, newest first: status, source, changed keys")
    .requiredOption('--user <id>', 'the student, by user id')
    .option('--json', 'print the revisions as JSON'),
).action(
  run<ConnectionOptions & { user: string; json?: boolean }>((api, options) =>
    showPersonaHistory(api, options.user, { json: options.json ?? false }),
  ),
);

interface PersonasReviewOptions extends ConnectionOptions {
  approve?: string;
  reject?: string;
  reason?: string;
  json?: boolean;
}

connected(
  personas
    .command('review')
    .description(
      'list the persona revisions waiting for review (oldest first, with diffs and evidence); approve or reject one',
    )
    .addOption(new Option('--approve <id>', 'make this revision the current persona').conflicts('reject'))
    .option('--reject <id>', 'reject this revision: it never reaches a prompt')
    .option('--reason <text>', 'why it is rejected (--reject only)')
    .option('--json', 'print the queue as JSON'),
).action(
  run<PersonasReviewOptions>(async (api, options) => {
    if (options.reason !== undefined && options.reject === undefined) {
      throw new UsageError('--reason goes with --reject <id>.');
    }
    if (options.approve !== undefined) return approveRevision(api, options.approve);
    if (options.reject !== undefined) return rejectRevision(api, options.reject, options.reason);
    return showReviewQueue(api, { json: options.json ?? false });
  }),
);

interface MemoriesGenerateOptions extends ConnectionOptions, ControlOptions {
  user?: string;
  all?: boolean;
  allConversations?: boolean;
  includeEmpty?: boolean;
  clamp?: string;
}

connected(
  withControls(
    program
      .command('memories')
      .description('conversation memories')
      .command('generate')
      .description("write memories for a student's conversations, or for every idle conversation that needs one")
      .addOption(userOption())
      .option('--all', 'every conversation idle past MEMORY_INACTIVITY_THRESHOLD_HOURS that needs a memory')
      .option('--all-conversations', 'also conversations whose memory is up to date (--user only)')
      .option('--include-empty', 'also conversations without messages (--user only)')
      .addOption(clampOption('conversations')),
  ),
).action(
  run<MemoriesGenerateOptions>(async (api, options) => {
    const who = target(options);
    if ('all' in who) {
      if (options.allConversations || options.includeEmpty) {
        throw new UsageError('--all-conversations and --include-empty apply to --user only.');
      }
      return generateAllMemories(api, { clamp: options.clamp }, controlsOf(options));
    }
    return generateMemoriesForUser(
      api,
      who.user,
      { onlyNeeding: !options.allConversations, includeEmpty: options.includeEmpty ?? false, clamp: options.clamp },
      controlsOf(options),
    );
  }),
);

const jobs = program.command('jobs').description('generation jobs');

connected(
  jobs
    .command('watch')
    .description('follow a job until it completes (exit 0), fails (exit 1) or stops at its budget (exit 3)')
    .argument('<id>', 'the job id (job_id in the task routes’ answers)'),
).action(async (id: string, options: ConnectionOptions, command: Command) =>
  run<ConnectionOptions>((api) => watchJob(api, id))(options, command),
);

connected(
  withBudget(
    jobs
      .command('resume')
      .description('a job stopped at its budget goes on with what it has left (a new budget if given), followed')
      .argument('<id>', 'the stopped job'),
  ),
).action(async (id: string, options: ConnectionOptions & ControlOptions, command: Command) =>
  run<ConnectionOptions & ControlOptions>((api) => resumeJob(api, id, controlsOf(options)))(options, command),
);

connected(
  program
    .command('prompts')
    .description('prompt templates')
    .command('lint')
    .description('check every stored version of every prompt for placeholder problems (exit 1 when any)'),
).action(run<ConnectionOptions>((api) => lintAllPrompts(api)));

connected(
  program
    .command('usage')
    .description('model calls, tokens and cost (the last 30 days unless --from/--to say otherwise)')
    .option('--from <date>', 'from this day (YYYY-MM-DD, UTC) or ISO timestamp')
    .option('--to <date>', 'up to this day, included, or up to this ISO timestamp (default: now)')
    .option('--group-by <what>', 'day, call_type, user or model', 'day')
    .option('--json', 'print the report as JSON'),
).action(
  run<ConnectionOptions & { from?: string; to?: string; groupBy?: string; json?: boolean }>((api, options) =>
    showUsage(api, { from: options.from, to: options.to, groupBy: options.groupBy, json: options.json ?? false }),
  ),
);

const staff = program.command('staff').description('staff accounts: people who sign in to the operator console');

connected(
  staff
    .command('create')
    .description('add a staff member (with the admin token this creates the first admin)')
    .requiredOption('--email <email>', 'what they sign in with')
    .requiredOption('--name <name>', 'their name, as the console shows it')
    .addOption(
      new Option('--role <role>', 'what they may do').choices(['admin', 'reviewer', 'viewer']).makeOptionMandatory(),
    )
    .option('--password-stdin', 'read the password from standard input instead of asking for it'),
).action(
  run<ConnectionOptions & { email: string; name: string; role: string; passwordStdin?: boolean }>((api, options) =>
    createMember(api, { ...options, passwordStdin: options.passwordStdin ?? false }),
  ),
);

connected(staff.command('list').description('every staff member and their role').option('--json', 'print JSON')).action(
  run<ConnectionOptions & { json?: boolean }>((api, options) => listStaff(api, { json: options.json ?? false })),
);

connected(
  staff
    .command('disable')
    .description('disable a staff member (by id or email): their sessions end at once')
    .argument('<who>', 'staff id or email'),
).action(async (who: string, options: ConnectionOptions, command: Command) =>
  run<ConnectionOptions>((api) => disableMember(api, who))(options, command),
);

connected(
  program
    .command('audit')
    .description("the audit log of operators' writes, newest first")
    .option('--staff <id>', "one staff member's entries")
    .option('--action <action>', 'one action, e.g. persona_revision.approve')
    .option('--from <iso>', 'from this ISO timestamp')
    .option('--to <iso>', 'before this ISO timestamp')
    .option('--limit <n>', 'at most this many entries (default 100)')
    .option('--offset <n>', 'skip this many of the newest')
    .option('--json', 'print the entries as JSON'),
).action(
  run<ConnectionOptions & Omit<AuditCliOptions, 'json'> & { json?: boolean }>((api, options) =>
    showAudit(api, { ...options, json: options.json ?? false }),
  ),
);

connected(
  program
    .command('demo')
    .description('load three demo students with conversations, to watch memories and personas appear')
    .option('--generate', "then generate every demo student's persona right away"),
).action(
  run<ConnectionOptions & { generate?: boolean }>((api, options) =>
    loadDemo(api, { generate: options.generate ?? false }),
  ),
);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // commander has printed it already (help, or a usage error)
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof CliError) {
    console.error(`coach: ${error.message}`);
    process.exit(error.exitCode);
  }
  console.error(`coach: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.COACH_DEBUG && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
