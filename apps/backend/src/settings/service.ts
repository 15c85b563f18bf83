import type { PersonaReviewPolicy } from '@coach/core';
import type { Db } from '@coach/data';
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
export function createSettingsService(deps: { settings: SettingsRepository; firstValues: SettingsValues }) {
  async function current(): Promise<SettingsRow> {
    const stored = await deps.settings.read();
    if (stored) return stored;
    await deps.settings.insertFirst(deps.firstValues);
    return (await deps.settings.read())!;
  }

  return {
    current,

    /** Changes what is given; the next persona write reads the new value. */
    async change(values: Partial<SettingsValues>): Promise<SettingsRow> {
      await current();
      if (Object.keys(values).length === 0) return current();
      return deps.settings.update(values);
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
    settings: createSettingsRepository(db),
    firstValues: { personaReview: config.personaReview },
  });
}
