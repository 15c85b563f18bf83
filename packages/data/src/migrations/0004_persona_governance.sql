CREATE TABLE "persona_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"key" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "persona_corrections_status" CHECK ("persona_corrections"."status" in ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "persona_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"persona_data" jsonb NOT NULL,
	"diff" jsonb NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unsupported_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"flagged_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"job_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "persona_revisions_status" CHECK ("persona_revisions"."status" in ('approved', 'pending', 'rejected', 'superseded')),
	CONSTRAINT "persona_revisions_source" CHECK ("persona_revisions"."source" in ('generator', 'operator', 'restore'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"persona_review" text DEFAULT 'off' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("settings"."id"),
	CONSTRAINT "settings_persona_review" CHECK ("settings"."persona_review" in ('off', 'changes', 'all'))
);
--> statement-breakpoint
ALTER TABLE "user_personas" ADD COLUMN "revision_id" integer;--> statement-breakpoint
ALTER TABLE "persona_corrections" ADD CONSTRAINT "persona_corrections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persona_revisions" ADD CONSTRAINT "persona_revisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persona_corrections_status_created_idx" ON "persona_corrections" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "persona_corrections_user_idx" ON "persona_corrections" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persona_revisions_user_number_unique" ON "persona_revisions" USING btree ("user_id","number");--> statement-breakpoint
CREATE INDEX "persona_revisions_status_created_idx" ON "persona_revisions" USING btree ("status","created_at","id");--> statement-breakpoint
ALTER TABLE "user_personas" ADD CONSTRAINT "user_personas_revision_id_persona_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."persona_revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- A revision written counts as the student's persona being up to date for the "needs a persona"
-- selection, approved or not: a pending or rejected revision is not regenerated until a newer memory.
CREATE FUNCTION "persona_revisions_mirror"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" u SET "persona_updated_at" = greatest(u."persona_updated_at", w."created_at")
    FROM (SELECT "user_id", max("created_at") AS "created_at" FROM "written" GROUP BY "user_id") w
   WHERE u."id" = w."user_id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "persona_revisions_inserted" AFTER INSERT ON "persona_revisions"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "persona_revisions_mirror"();--> statement-breakpoint
-- Every persona stored before revisions becomes its student's revision 1: approved, as the generator's,
-- written (and decided) when the persona was last written, every key an addition, no evidence, so its
-- non-empty keys are unsupported. Not scanned for instruction-like values (the scan lives in the code).
INSERT INTO "persona_revisions"
  ("user_id", "number", "status", "source", "persona_data", "diff", "evidence", "unsupported_keys",
   "created_at", "decided_at")
SELECT p."user_id", 1, 'approved', 'generator', p."persona_data",
  coalesce((SELECT jsonb_agg(jsonb_build_object('key', e.key, 'change', 'added', 'before', null, 'after', e.value)
                             ORDER BY e.key)
              FROM jsonb_each(p."persona_data") e), '[]'::jsonb),
  '{}'::jsonb,
  ARRAY(SELECT e.key FROM jsonb_each(p."persona_data") e
         WHERE jsonb_typeof(e.value) <> 'null'
           AND NOT (jsonb_typeof(e.value) = 'string' AND btrim(e.value #>> '{}') = '')
           AND e.value NOT IN ('[]'::jsonb, '{}'::jsonb)
         ORDER BY e.key),
  p."updated_at", p."updated_at"
  FROM "user_personas" p;--> statement-breakpoint
UPDATE "user_personas" p SET "revision_id" = r."id"
  FROM "persona_revisions" r WHERE r."user_id" = p."user_id" AND r."number" = 1;
