import type { PersonaReviewPolicy } from '@coach/core';
import type { AuditActor, Db } from '@coach/data';
import { audited } from '../audit/repository.ts';
import type { Config } from '../config.ts';
import {
  createSettingsRepository,
  type SettingsRepository,
  type SettingsRow,
  type SettingsValues,
} from './repository.ts';

/**
 * The operators' settings. The row is written the first time any process needs it, from the
 * environment (`PERSONA_REVIEW`); from then on only `PATCH /api/admin/settings` changes it.
 */
export function createSettingsService(deps: { db: Db; settings: SettingsRepository; firstValues: SettingsValues }) {
  async function current(): Promise<SettingsRow> {
    const stored = await deps.settings.read();
    if (stored) return stored;
    await deps.settings.insertFirst(deps.firstValues);
    return (await deps.settings.read())!;
  }

  return {
    current,

    /** Changes what is given, with its audit entry; the next persona write reads the new value. */
    async change(actor: AuditActor, values: Partial<SettingsValues>): Promise<SettingsRow> {
      const before = await current();
      if (Object.keys(values).length === 0) return before;
      return audited(
        deps.db,
        actor,
        (tx) => createSettingsRepository(tx).update(values),
        () => ({
          action: 'settings.update',
          targetType: 'settings',
          targetId: null,
          details: { persona_review: { from: before.personaReview, to: values.personaReview ?? before.personaReview } },
        }),
      );
    },

    async personaReview(): Promise<PersonaReviewPolicy> {
      return (await current()).personaReview;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;

/** The settings service over `db`, first values from the configuration. */
export function settingsServiceFor(db: Db, config: Pick<Config, 'personaReview'>): SettingsService {
  return createSettingsService({
    db,
    settings: createSettingsRepository(db),
    firstValues: { personaReview: config.personaReview },
  });
}
