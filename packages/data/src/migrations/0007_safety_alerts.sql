-- Child safety (docs/SAFETY.md): what the screen found in each message (operators' eyes only), and the
-- alerts for adults about messages in which a child may be at risk, newest first by status.
CREATE TABLE "safety_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"conversation_id" integer,
	"message_id" integer,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"excerpt" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "safety_alerts_status" CHECK ("safety_alerts"."status" in ('open', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "safety_flags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "safety_alerts_status_created_idx" ON "safety_alerts" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "safety_alerts_user_idx" ON "safety_alerts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "safety_alerts_conversation_idx" ON "safety_alerts" USING btree ("conversation_id") WHERE "safety_alerts"."conversation_id" is not null;--> statement-breakpoint
CREATE INDEX "safety_alerts_message_idx" ON "safety_alerts" USING btree ("message_id") WHERE "safety_alerts"."message_id" is not null;