import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GuardDecision } from '../../../apps/backend/src/http/auth.ts';
import { type AccessTable, CALLER_KINDS, CALLER_TITLES, expectedStatus, policyKey, type RouteKey } from './access.ts';
import { BACKEND_ACCESS } from './backend-access.ts';
import { BRAIN_ACCESS, listBrainRoutes } from './brain-access.ts';
import { listBackendRouteDecisions } from './routes.ts';

export const ACCESS_DOC_FILE = fileURLToPath(new URL('../../../docs/ACCESS.md', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const INTRO = `# Who may call what

Generated from the routes the Backend and the Brain register (Fastify's \`onRoute\`) and the access
tables of the security tests (\`tests/system/security/backend-access.ts\`,
\`tests/system/security/brain-access.ts\`). The access matrix tests send every route's request as
every kind of caller and expect exactly these statuses; a route without an entry fails them. Do not
edit: \`npm run docs:access\` rewrites this file, and \`access-doc.test.ts\` fails whenever it differs
from what the routes produce.

- **open**: anyone. **student**: a student's access token; the admin and internal tokens get 403.
  **student or admin**: a student's access token or the admin token. **internal**: the internal or the
  admin token. **admin**: an operator route: the admin token, and staff members whose role has the
  right the route's guard requires (**right**: \`read\`, \`review\` or \`admin\`; docs/api/staff-and-audit.md).
  **staff**: a staff member's own token, whatever the role. **service** (the Brain): the internal or the admin token;
  the Brain cannot read students' tokens, so a student's token is an unknown token to it (401).
- **owned**: the route is about one student's data; another student gets 404, never 403, so ids leak
  nothing.
- The statuses are those of a valid request. A caller who is refused gets the same 401 or 403 for a
  malformed one: the token is checked before the request is read.
- The role columns (staff admin, reviewer, viewer) come from the decision each route's guard carries
  (\`ctx.guards.staff('review')\` …), read from the route list: a new operator route without one fails the
  matrix test. A staff token is an unknown token to the Brain (401).
- Every GET route also answers HEAD, with the same status.
- The web UI's built files are open, one route per file (here: \`/index.html\`).
`;

/** The markdown table of one service: one row per registered route, in the access table's order. */
function section(
  title: string,
  routes: RouteKey[],
  table: AccessTable<unknown>,
  decisions: Record<RouteKey, GuardDecision | undefined> = {},
): string {
  const registered = new Set(routes.map(policyKey));
  const keys = [
    ...Object.keys(table).filter((key) => registered.has(key)),
    ...[...registered].filter((k) => !(k in table)),
  ];
  const header = `| route | access | right | ${CALLER_KINDS.map((c) => CALLER_TITLES[c]).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(CALLER_KINDS.length + 3)}`;
  const rows = keys.map((key) => {
    const policy = table[key];
    if (!policy) return `| \`${key}\` | **missing** | |${' |'.repeat(CALLER_KINDS.length)}`;
    const access = `${policy.access.replace(/-/g, ' ')}${policy.owned ? ', owned' : ''}`;
    const decision = decisions[key];
    const right = decision?.requires ?? (decision?.staffOnly ? 'own' : '');
    return `| \`${key}\` | ${access} | ${right} | ${CALLER_KINDS.map((c) => expectedStatus(policy, c, decision)).join(' | ')} |`;
  });
  return [`## ${title}`, '', header, rule, ...rows, ''].join('\n');
}

/** docs/ACCESS.md as the routes and the access tables make it, formatted as Biome formats the repo's markdown. */
export async function renderAccessDoc(): Promise<string> {
  const [backend, brain] = await Promise.all([listBackendRouteDecisions(), listBrainRoutes()]);
  const markdown = [
    INTRO,
    section('Backend', backend.keys(), BACKEND_ACCESS as AccessTable<unknown>, backend.decisions()),
    section('Brain', brain, BRAIN_ACCESS as AccessTable<unknown>),
  ].join('\n');
  return execFileSync(`${REPO_ROOT}node_modules/.bin/biome`, ['format', `--stdin-file-path=${ACCESS_DOC_FILE}`], {
    input: markdown,
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
}
