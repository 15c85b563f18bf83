import { redactContactDetailsInJson } from '@coach/core';
import { and, asc, gt, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../database.ts';
import { conversationMemories, personaRevisions, userPersonas } from '../schema.ts';

const BATCH = 500;

/** What the redaction changed: rows, never their text. */
export interface ContactDetailRedactionReport {
  memories: number;
  personas: number;
  persona_revisions: number;
}

/**
 * Redacts the contact details already stored in memories, current personas and persona revisions (their
 * data, diff and evidence, which quote the same texts; a revision can be restored), written before the
 * Backend refused them (docs/SAFETY.md). Leaves `updated_at` alone: the text is the same memory with less
 * in it, not a newer one. Idempotent: a second run finds nothing.
 */
export async function redactStoredContactDetails(db: Db): Promise<ContactDetailRedactionReport> {
  return {
    memories: await redactJsonColumns(db, conversationMemories, conversationMemories.id, {
      memoryData: conversationMemories.memoryData,
    }),
    personas: await redactJsonColumns(db, userPersonas, userPersonas.id, { personaData: userPersonas.personaData }),
    persona_revisions: await redactJsonColumns(db, personaRevisions, personaRevisions.id, {
      personaData: personaRevisions.personaData,
      diff: personaRevisions.diff,
      evidence: personaRevisions.evidence,
    }),
  };
}

/** Walks a table by id in batches; rows whose JSON holds a digit or an @ are redacted and written back. */
async function redactJsonColumns(
  db: Db,
  table: PgTable,
  id: AnyPgColumn,
  columns: Record<string, AnyPgColumn>,
): Promise<number> {
  // every detail the detector knows has a digit or an @ (an e-mail, a UPI ID or a handle)
  const mayHoldDetail = sql.join(
    Object.values(columns).map((column) => sql`${column}::text ~ '[0-9@]'`),
    sql` or `,
  );
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = (await db
      .select({ id, ...columns })
      .from(table)
      .where(and(gt(id, after), sql`(${mayHoldDetail})`))
      .orderBy(asc(id))
      .limit(BATCH)) as Array<Record<string, unknown> & { id: number }>;
    for (const row of rows) {
      const update: Record<string, unknown> = {};
      for (const key of Object.keys(columns)) {
        const { value, redactions } = redactContactDetailsInJson(row[key]);
        if (redactions > 0) update[key] = value;
      }
      if (Object.keys(update).length === 0) continue;
      await db.update(table).set(update).where(sql`${id} = ${row.id}`);
      changed += 1;
    }
    if (rows.length < BATCH) return changed;
    after = rows.at(-1)?.id ?? after;
  }
}
