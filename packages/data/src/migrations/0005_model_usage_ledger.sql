-- The model usage ledger (docs/api/usage.md): one row per model call attempt. A student's rows go with
-- them; a deleted conversation, message or job leaves its id null. The indexes serve the report's date
-- range, a student's rows (report by student, the cascade), a job's usage, and the set-null lookups.
CREATE TABLE "model_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"call_type" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"latency_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"failure_kind" text,
	"cost_usd" numeric(20, 12),
	"user_id" integer,
	"conversation_id" integer,
	"message_id" integer,
	"job_id" integer,
	CONSTRAINT "model_calls_outcome" CHECK ("model_calls"."outcome" in ('ok', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "model_calls" ADD CONSTRAINT "model_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_calls" ADD CONSTRAINT "model_calls_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_calls" ADD CONSTRAINT "model_calls_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_calls" ADD CONSTRAINT "model_calls_job_id_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."generation_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_calls_created_idx" ON "model_calls" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "model_calls_user_idx" ON "model_calls" USING btree ("user_id") WHERE "model_calls"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "model_calls_job_idx" ON "model_calls" USING btree ("job_id") WHERE "model_calls"."job_id" is not null;--> statement-breakpoint
CREATE INDEX "model_calls_conversation_idx" ON "model_calls" USING btree ("conversation_id") WHERE "model_calls"."conversation_id" is not null;--> statement-breakpoint
CREATE INDEX "model_calls_message_idx" ON "model_calls" USING btree ("message_id") WHERE "model_calls"."message_id" is not null;