import type { AppContext, ZodApp } from '../app-context.ts';

export function registerPromptRoutes(_app: ZodApp, _ctx: AppContext): void {}
