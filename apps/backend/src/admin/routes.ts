import type { AppContext, ZodApp } from '../app-context.ts';

export function registerAdminRoutes(_app: ZodApp, _ctx: AppContext): void {}
