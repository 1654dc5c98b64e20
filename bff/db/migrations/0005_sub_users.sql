CREATE TYPE "public"."sub_user_status" AS ENUM('pending_confirmation', 'active', 'cancellation_scheduled', 'cancelled', 'expired');--> statement-breakpoint
ALTER TYPE "public"."link_purpose" ADD VALUE 'sub_user';--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'co_user';--> statement-breakpoint
CREATE TABLE "sub_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" "sub_user_status" DEFAULT 'pending_confirmation' NOT NULL,
	"salutation" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"mobile" text NOT NULL,
	"locale" text NOT NULL,
	"tariff_id" uuid NOT NULL,
	"next_tariff_id" uuid,
	"next_tariff_from" date,
	"invoice_note" text,
	"invoice_note_from" date,
	"co_account_id" uuid,
	"user_id" uuid,
	"created_by" uuid,
	"confirmation_sent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"starts_on" date,
	"cancellation_received_at" timestamp with time zone,
	"ends_on" date,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "sub_users_co_account_id_unique" UNIQUE("co_account_id"),
	CONSTRAINT "sub_users_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
ALTER TABLE "tariffs" ADD COLUMN "for_sub_users" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "parent_account_id" uuid;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "sip_deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_next_tariff_id_tariffs_id_fk" FOREIGN KEY ("next_tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_co_account_id_accounts_id_fk" FOREIGN KEY ("co_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_users" ADD CONSTRAINT "sub_users_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sub_users_account_idx" ON "sub_users" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "sub_users_due_idx" ON "sub_users" USING btree ("status","ends_on");--> statement-breakpoint
CREATE INDEX "sub_users_pending_idx" ON "sub_users" USING btree ("status","confirmation_sent_at");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_parent_account_id_accounts_id_fk" FOREIGN KEY ("parent_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;