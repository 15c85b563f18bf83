import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CoachApi, StaffMember } from '../api.ts';
import { UsageError } from '../errors.ts';
import { readableTime } from '../render.ts';

export interface NewMemberOptions {
  email: string;
  name: string;
  role: string;
  /** Read the password from standard input (scripts); otherwise it is asked for on the terminal. */
  passwordStdin: boolean;
}

/** Everything on standard input, without its last line break: a password piped in. */
export async function readPasswordFromStdin(input: Readable = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without showing what is typed. */
export function promptPassword(
  question: string,
  input = process.stdin,
  output: Writable = process.stderr,
): Promise<string> {
  if (!input.isTTY) throw new UsageError('no terminal to ask for the password on: pipe it in with --password-stdin.');
  const line = createInterface({ input, output, terminal: true });
  const muted = line as unknown as { _writeToOutput: (text: string) => void };
  let asked = false;
  // echo the question once, then nothing of what is typed
  muted._writeToOutput = (text: string) => {
    if (!asked) output.write(text);
    asked = true;
  };
  return new Promise((resolve) => {
    line.question(question, (answer) => {
      output.write('\n');
      line.close();
      resolve(answer);
    });
  });
}

/** `coach staff create`: with the admin token it also creates the first admin. */
export async function createMember(api: CoachApi, options: NewMemberOptions): Promise<number> {
  const password = options.passwordStdin ? await readPasswordFromStdin() : await promptPassword('Password: ');
  const member = await api.createStaff({ email: options.email, name: options.name, role: options.role, password });
  console.log(`Added ${member.name} <${member.email}> as ${member.role} (staff #${member.id}).`);
  return 0;
}

/** The staff as aligned columns. */
export function renderStaff(members: StaffMember[]): string[] {
  if (members.length === 0)
    return ['No staff members yet: add the first admin with `coach staff create --role admin`.'];
  const header = ['id', 'name', 'email', 'role', 'account', 'added'];
  const rows = members.map((m) => [
    `#${m.id}`,
    m.name,
    m.email,
    m.role,
    m.disabled ? 'disabled' : 'active',
    readableTime(m.created_at),
  ]);
  return table([header, ...rows]);
}

export async function listStaff(api: CoachApi, options: { json: boolean }): Promise<number> {
  const members = await api.listStaff();
  console.log(options.json ? JSON.stringify(members, null, 2) : renderStaff(members).join('\n'));
  return 0;
}

/** `coach staff disable <id or email>`: their sessions end at once. */
export async function disableMember(api: CoachApi, who: string): Promise<number> {
  const member = /^\d+$/.test(who)
    ? { id: Number(who) }
    : (await api.listStaff()).find((m) => m.email.toLowerCase() === who.toLowerCase());
  if (!member) throw new UsageError(`no staff member with the email ${who}.`);
  const disabled = await api.updateStaff(member.id, { disabled: true });
  console.log(`Disabled ${disabled.name} <${disabled.email}>: their sessions have ended.`);
  return 0;
}

/** Rows as columns two spaces apart, each as wide as its widest cell. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)];
}
