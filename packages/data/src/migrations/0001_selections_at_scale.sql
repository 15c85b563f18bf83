DROP INDEX "conversation_memories_conversation_updated_idx";--> statement-breakpoint
DROP INDEX "conversations_updated_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "has_messages" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "memory_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "needs_memory" boolean GENERATED ALWAYS AS (has_messages and (memory_updated_at is null or memory_updated_at < updated_at)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "memories_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "persona_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "needs_persona" boolean GENERATED ALWAYS AS (memories_updated_at is not null and (persona_updated_at is null or persona_updated_at < memories_updated_at)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_needing_memory_idx" ON "conversations" USING btree ("updated_at","id") WHERE "conversations"."needs_memory";--> statement-breakpoint
CREATE INDEX "users_needing_persona_idx" ON "users" USING btree ("id") WHERE "users"."needs_persona";--> statement-breakpoint
-- The mirrors the selections read (conversations.memory_updated_at, users.memories_updated_at,
-- users.persona_updated_at) are kept by the database: every write of a memory or persona updates them
-- in the same statement, whoever writes it. Statement-level, so a bulk write updates each row once.
-- PL/pgSQL keeps its plans for the session (an SQL function is planned again at every call), and an
-- upsert fires both the INSERT and the UPDATE trigger, one of them with no rows: it returns at once.
-- A student's latest memory is the latest of their conversations' mirrors, set just before.
CREATE FUNCTION "conversation_memories_mirror"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM "written") THEN RETURN NULL; END IF;
  UPDATE "conversations" c SET "memory_updated_at" = w."updated_at"
    FROM "written" w WHERE c."id" = w."conversation_id";
  UPDATE "users" u SET "memories_updated_at" = (
      SELECT max(c."memory_updated_at") FROM "conversations" c WHERE c."user_id" = u."id")
   WHERE u."id" IN (SELECT c."user_id" FROM "written" w JOIN "conversations" c ON c."id" = w."conversation_id");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversation_memories_inserted" AFTER INSERT ON "conversation_memories"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "conversation_memories_mirror"();--> statement-breakpoint
CREATE TRIGGER "conversation_memories_updated" AFTER UPDATE ON "conversation_memories"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "conversation_memories_mirror"();--> statement-breakpoint
-- memories go only with their conversation: after one is deleted, the student's latest memory is what remains
CREATE FUNCTION "conversations_forget_memories"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" u SET "memories_updated_at" = (
      SELECT max(c."memory_updated_at") FROM "conversations" c WHERE c."user_id" = u."id")
   WHERE u."id" IN (SELECT "user_id" FROM "deleted");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_deleted" AFTER DELETE ON "conversations"
  REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "conversations_forget_memories"();--> statement-breakpoint
CREATE FUNCTION "user_personas_mirror"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM "written") THEN RETURN NULL; END IF;
  UPDATE "users" u SET "persona_updated_at" = w."updated_at" FROM "written" w WHERE u."id" = w."user_id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "user_personas_inserted" AFTER INSERT ON "user_personas"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "user_personas_mirror"();--> statement-breakpoint
CREATE TRIGGER "user_personas_updated" AFTER UPDATE ON "user_personas"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "user_personas_mirror"();--> statement-breakpoint
-- what the database held before this migration
UPDATE "conversations" c SET
  "has_messages" = EXISTS (SELECT 1 FROM "messages" m WHERE m."conversation_id" = c."id"),
  "memory_updated_at" = (SELECT m."updated_at" FROM "conversation_memories" m WHERE m."conversation_id" = c."id");--> statement-breakpoint
UPDATE "users" u SET
  "memories_updated_at" = (SELECT max(m."updated_at") FROM "conversation_memories" m
                             JOIN "conversations" c ON c."id" = m."conversation_id" WHERE c."user_id" = u."id"),
  "persona_updated_at" = (SELECT p."updated_at" FROM "user_personas" p WHERE p."user_id" = u."id");
