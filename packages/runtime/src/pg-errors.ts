/** PostgreSQL error codes we turn into 4xx answers. */
const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';
// text or jsonb holding the NUL character (\u0000), which PostgreSQL cannot store
const NUL_IN_TEXT = '22021';
const NUL_IN_JSONB = '22P05';

function pgCode(error: unknown): string | undefined {
  // drizzle wraps driver errors; the SQLSTATE sits on the error or on its cause
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isForeignKeyViolation = (error: unknown) => pgCode(error) === FOREIGN_KEY_VIOLATION;
/**
 * A row this statement refers to does not exist (an insert naming a missing parent), as "User 7 not
 * found." from the driver's detail; undefined for any other error.
 */
export function missingReferenceDetail(error: unknown): string | undefined {
  if (!isForeignKeyViolation(error)) return undefined;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const detail = (e as { detail?: unknown }).detail;
    const match =
      typeof detail === 'string' ? /^Key \(\w+\)=\((.*)\) is not present in table "(\w+)"/.exec(detail) : null;
    if (!match) continue;
    // the parent table's name, singular and in words: users → User, prompt_versions → Prompt version
    const what = match[2]!.replace(/s$/, '').replaceAll('_', ' ');
    return `${what.charAt(0).toUpperCase()}${what.slice(1)} ${match[1]} not found.`;
  }
  return undefined;
}
export const isUniqueViolation = (error: unknown) => pgCode(error) === UNIQUE_VIOLATION;
export const isUnstorableText = (error: unknown) => [NUL_IN_TEXT, NUL_IN_JSONB].includes(pgCode(error) ?? '');

// the server is down, shutting down, starting up or unreachable: the same request can succeed later
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);

/** Whether a query failed because the database cannot be reached right now (not because of the query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    // node-postgres says so in words when the server drops a connection
    if (typeof message === 'string' && /^Connection terminated/.test(message)) return true;
  }
  return false;
}
