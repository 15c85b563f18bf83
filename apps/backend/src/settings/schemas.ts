import { PersonaReviewPolicy } from '@coach/core';
import { z } from 'zod';
import type { SettingsRow, SettingsValues } from './repository.ts';

export const SettingsDto = z
  .object({
    persona_review: PersonaReviewPolicy.describe(
      'off: generator revisions are approved at once; changes: those that change or remove a key wait for review; all: every one waits',
    ),
    updated_at: z.string(),
  })
  .meta({ id: 'Settings' });

export const SettingsPatch = z.object({
  persona_review: z.enum(PersonaReviewPolicy.options, { error: 'must be one of off, changes, all' }).optional(),
});

export function toSettingsDto(row: SettingsRow): z.infer<typeof SettingsDto> {
  return { persona_review: row.personaReview, updated_at: row.updatedAt.toISOString() };
}

/** The values a PATCH names (absent ones stay as they are). */
export function fromSettingsPatch(patch: z.infer<typeof SettingsPatch>): Partial<SettingsValues> {
  return patch.persona_review === undefined ? {} : { personaReview: patch.persona_review };
}
