CREATE TYPE "public"."link_purpose" AS ENUM('signup', 'set_password');--> statement-breakpoint
CREATE TYPE "public"."mandate_scheme" AS ENUM('core', 'b2b');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('sepa', 'invoice');--> statement-breakpoint
CREATE TYPE "public"."signup_status" AS ENUM('pending_confirmation', 'confirmed');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"signup_id" uuid,
	"account_type" "account_type" NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"customer_number" text NOT NULL,
	"username" text NOT NULL,
	"sip_address" text,
	"display_name" text NOT NULL,
	"email" text NOT NULL,
	"mobile" text NOT NULL,
	"tariff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_signup_id_unique" UNIQUE("signup_id"),
	CONSTRAINT "accounts_customer_number_uq" UNIQUE("tenant_id","customer_number"),
	CONSTRAINT "accounts_username_uq" UNIQUE("tenant_id","username")
);
--> statement-breakpoint
CREATE TABLE "customer_number_counters" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"next" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"purpose" "link_purpose" NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sepa_mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"signup_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"scheme" "mandate_scheme" NOT NULL,
	"account_holder" text NOT NULL,
	"iban_sealed" text NOT NULL,
	"iban_last4" text NOT NULL,
	"bic" text,
	"mandate_text" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sepa_mandates_reference_uq" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_type" "account_type" NOT NULL,
	"status" "signup_status" DEFAULT 'pending_confirmation' NOT NULL,
	"tariff_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"display_name" text NOT NULL,
	"email" text NOT NULL,
	"mobile" text NOT NULL,
	"locale" text NOT NULL,
	"payment_method" "payment_method" NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_signup_id_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_number_counters" ADD CONSTRAINT "customer_number_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_links" ADD CONSTRAINT "email_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepa_mandates" ADD CONSTRAINT "sepa_mandates_signup_id_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."signups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_links_subject_idx" ON "email_links" USING btree ("subject_id","purpose");--> statement-breakpoint
CREATE INDEX "signups_tenant_idx" ON "signups" USING btree ("tenant_id");