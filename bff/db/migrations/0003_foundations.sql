ALTER TYPE "public"."signup_status" ADD VALUE 'expired';--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"account_id" uuid,
	"acting_for_account_id" uuid,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"reason" text,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text,
	"runs" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"url" text NOT NULL,
	"event_types" text[] NOT NULL,
	"secret_sealed" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pin_challenges" ALTER COLUMN "payload" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "endpoint_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sensitive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_history" ADD CONSTRAINT "status_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_tenant_idx" ON "audit_events" USING btree ("tenant_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_account_idx" ON "audit_events" USING btree ("account_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "status_history_entity_idx" ON "status_history" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_links_expires_idx" ON "email_links" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "signups_pending_idx" ON "signups" USING btree ("status","created_at");--> statement-breakpoint
-- The one webhook URL a tenant had becomes its first endpoint, for every event type.
INSERT INTO "webhook_endpoints" ("tenant_id", "url", "event_types", "secret_sealed")
  SELECT "id", "webhook_url", ARRAY['*'], "webhook_secret_sealed" FROM "tenants"
  WHERE "webhook_url" IS NOT NULL AND "webhook_secret_sealed" IS NOT NULL;--> statement-breakpoint
-- Payloads are discriminated by purpose now.
UPDATE "pin_challenges" SET "payload" = "payload" || jsonb_build_object('purpose', "purpose"::text);--> statement-breakpoint
UPDATE "email_links" SET "payload" = coalesce("payload", '{}'::jsonb) || jsonb_build_object('purpose', "purpose"::text);--> statement-breakpoint
ALTER TABLE "tenants" DROP COLUMN "webhook_url";--> statement-breakpoint
ALTER TABLE "tenants" DROP COLUMN "webhook_secret_sealed";--> statement-breakpoint
-- Every change to what GET /v1/tenant and authentication read (tenant, keys, origins, tariffs, webhook
-- endpoints) announces the tenant on `telkit_tenant_changed`, so each BFF instance drops its cached copy.
-- NOTIFY is delivered at commit, once per tenant and transaction.
CREATE OR REPLACE FUNCTION "telkit_tenant_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
  PERFORM pg_notify('telkit_tenant_changed', coalesce(changed->>'tenant_id', changed->>'id'));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "tenants_changed" AFTER INSERT OR UPDATE OR DELETE ON "tenants" FOR EACH ROW EXECUTE FUNCTION "telkit_tenant_changed"();--> statement-breakpoint
CREATE TRIGGER "api_keys_changed" AFTER INSERT OR UPDATE OR DELETE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION "telkit_tenant_changed"();--> statement-breakpoint
CREATE TRIGGER "tenant_origins_changed" AFTER INSERT OR UPDATE OR DELETE ON "tenant_origins" FOR EACH ROW EXECUTE FUNCTION "telkit_tenant_changed"();--> statement-breakpoint
CREATE TRIGGER "tariffs_changed" AFTER INSERT OR UPDATE OR DELETE ON "tariffs" FOR EACH ROW EXECUTE FUNCTION "telkit_tenant_changed"();--> statement-breakpoint
CREATE TRIGGER "webhook_endpoints_changed" AFTER INSERT OR UPDATE OR DELETE ON "webhook_endpoints" FOR EACH ROW EXECUTE FUNCTION "telkit_tenant_changed"();
