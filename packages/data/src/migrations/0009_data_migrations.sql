-- One-off data migrations that ran (packages/data/src/data-migrations): each step over stored rows runs
-- once at start-up after the SQL migrations, and is recorded here by name with the counts it reported.
CREATE TABLE "data_migrations" (
	"name" text PRIMARY KEY NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
