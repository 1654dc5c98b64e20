ALTER TYPE "public"."pin_purpose" ADD VALUE 'location_link';--> statement-breakpoint
CREATE TABLE "account_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"main_account_id" uuid NOT NULL,
	"sub_account_id" uuid NOT NULL,
	"via" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"linked_by" uuid,
	"collective_invoice" boolean NOT NULL,
	"collective_invoice_previous" boolean DEFAULT false NOT NULL,
	"collective_invoice_from" date NOT NULL,
	"unlinked_at" timestamp with time zone,
	"unlinked_by" uuid,
	"collective_invoice_until" date,
	CONSTRAINT "account_links_not_self" CHECK ("account_links"."main_account_id" <> "account_links"."sub_account_id")
);
--> statement-breakpoint
CREATE TABLE "location_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"main_account_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"collective_invoice" boolean NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"signup_id" uuid,
	"used_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "location_intents_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "location_intents_signup_id_unique" UNIQUE("signup_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "acting_account_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "parent_session_id" uuid;--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_main_account_id_accounts_id_fk" FOREIGN KEY ("main_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_sub_account_id_accounts_id_fk" FOREIGN KEY ("sub_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_unlinked_by_users_id_fk" FOREIGN KEY ("unlinked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_intents" ADD CONSTRAINT "location_intents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_intents" ADD CONSTRAINT "location_intents_main_account_id_accounts_id_fk" FOREIGN KEY ("main_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_intents" ADD CONSTRAINT "location_intents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_intents" ADD CONSTRAINT "location_intents_signup_id_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."signups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_links_sub_live_uq" ON "account_links" USING btree ("sub_account_id") WHERE "account_links"."unlinked_at" is null;--> statement-breakpoint
CREATE INDEX "account_links_main_idx" ON "account_links" USING btree ("main_account_id","linked_at");--> statement-breakpoint
CREATE INDEX "location_intents_main_idx" ON "location_intents" USING btree ("main_account_id","created_at");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_acting_account_id_accounts_id_fk" FOREIGN KEY ("acting_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_acting_idx" ON "sessions" USING btree ("acting_account_id") WHERE "sessions"."acting_account_id" is not null;