ALTER TABLE "messages" ADD COLUMN "needs_clarification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "follow_up_questions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "original_query" text;--> statement-breakpoint
-- Replies stored before these columns kept their clarification in their pipeline data, under the same
-- names (the original query under `query` when `original_query` was missing): read it out once, taking
-- only values of the right JSON type, as the Backend now does for a reply that sends no typed fields.
UPDATE "messages" m SET
  "needs_clarification" = coalesce(p."pipeline_data" -> 'needs_clarification' = 'true'::jsonb, false),
  "follow_up_questions" = CASE WHEN jsonb_typeof(p."pipeline_data" -> 'follow_up_questions') = 'array'
    THEN ARRAY(
      SELECT q #>> '{}' FROM jsonb_array_elements(p."pipeline_data" -> 'follow_up_questions') WITH ORDINALITY AS e(q, n)
       WHERE jsonb_typeof(q) = 'string' ORDER BY n)
    ELSE '{}'::text[] END,
  "original_query" = CASE
    WHEN jsonb_typeof(p."pipeline_data" -> 'original_query') = 'string' THEN p."pipeline_data" ->> 'original_query'
    WHEN jsonb_typeof(p."pipeline_data" -> 'query') = 'string' THEN p."pipeline_data" ->> 'query' END
  FROM "message_pipeline_data" p
 WHERE p."message_id" = m."id" AND NOT m."is_user"
   AND p."pipeline_data" ?| array['needs_clarification', 'follow_up_questions', 'original_query', 'query'];
