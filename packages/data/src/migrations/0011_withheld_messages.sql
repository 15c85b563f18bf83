ALTER TABLE "messages" ADD COLUMN "withheld_from_models" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- the student messages the screen has already blocked: those answered with the safe reply
UPDATE "messages" AS m SET "withheld_from_models" = true
WHERE m."is_user" AND EXISTS (
  SELECT 1 FROM "messages" AS r
  JOIN "message_pipeline_data" AS p ON p."message_id" = r."id"
  WHERE r."responds_to_message_id" = m."id" AND p."pipeline_data" -> 'safety' ->> 'safe_reply' = 'true'
);
