ALTER TABLE "tenants" ADD COLUMN "vat_rate_bp" integer DEFAULT 1900 NOT NULL;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "handle_hash" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "stepped_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "previous_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_endpoint_idx" ON "outbox" USING btree ("endpoint_id");--> statement-breakpoint
CREATE INDEX "pin_challenges_expires_idx" ON "pin_challenges" USING btree ("expires_at");