-- A generation job can end `stopped` (its budget ran out, docs/api/tasks-and-jobs.md): it keeps what it
-- finished, says why in stop_reason, and a resume moves it back to queued with what remains.
ALTER TABLE "generation_jobs" DROP CONSTRAINT "generation_jobs_state";--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "stop_reason" text;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_state" CHECK ("generation_jobs"."state" in ('queued', 'running', 'completed', 'failed', 'stopped'));