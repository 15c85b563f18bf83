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
export const isUniqueViolation = (error: unknown) => pgCode(error) === UNIQUE_VIOLATION;
export const isUnstorableText = (error: unknown) => [NUL_IN_TEXT, NUL_IN_JSONB].includes(pgCode(error) ?? '');
