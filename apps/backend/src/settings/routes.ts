import type { AppContext, ZodApp } from '../app-context.ts';
import { actorOf } from '../http/auth.ts';
import { fromSettingsPatch, SettingsDto, SettingsPatch, toSettingsDto } from './schemas.ts';
import { settingsServiceFor } from './service.ts';

export function registerSettingsRoutes(app: ZodApp, ctx: AppContext): void {
  const settings = settingsServiceFor(ctx.db, ctx.config);
  const tags = ['settings'];

  app.get(
    '/api/admin/settings',
    {
      onRequest: ctx.guards.staff('read'),
      schema: { tags, summary: "The operators' settings", response: { 200: SettingsDto } },
    },
    async () => toSettingsDto(await settings.current()),
  );

  app.patch(
    '/api/admin/settings',
    {
      onRequest: ctx.guards.staff('admin'),
      schema: {
        tags,
        summary: 'Change settings; the next persona write reads them',
        body: SettingsPatch,
        response: { 200: SettingsDto },
      },
    },
    async (request) => toSettingsDto(await settings.change(actorOf(request), fromSettingsPatch(request.body))),
  );
}
