CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country" text DEFAULT 'CH' NOT NULL,
	"contact_name" text NOT NULL,
	"invoice_email" text NOT NULL,
	"phone" text NOT NULL,
	"uid" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_prices" (
	"tenant_id" uuid NOT NULL,
	"licence" text NOT NULL,
	"monthly_price_cents" integer NOT NULL,
	"currency" text DEFAULT 'CHF' NOT NULL,
	CONSTRAINT "licence_prices_tenant_id_licence_pk" PRIMARY KEY("tenant_id","licence")
);
--> statement-breakpoint
CREATE TABLE "port_order_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "port_order_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"input" text NOT NULL,
	"kind" text NOT NULL,
	"range_first" text,
	"range_last" text,
	"number_type" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"temporary_number" text,
	"temporary_released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "port_order_workplaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"display_name" text NOT NULL,
	"login_name" text NOT NULL,
	"password_sealed" text,
	"licence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "port_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"customer_id" uuid,
	"step" integer DEFAULT 0 NOT NULL,
	"tariff_id" uuid,
	"start_date" date,
	"country" text DEFAULT 'CH' NOT NULL,
	"new_numbers" integer DEFAULT 0 NOT NULL,
	"current_provider" text,
	"signing" text,
	"signers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timing" text,
	"porting_date" date,
	"porting_time" text,
	"shared_contract" boolean,
	"scope" text,
	"full_port_acknowledged" boolean DEFAULT false NOT NULL,
	"note" text,
	"support_login_name" text,
	"support_password_sealed" text,
	"submitted_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "port_orders_reference_uq" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "temporary_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"e164" text NOT NULL,
	"assigned_to" uuid,
	"assigned_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "temporary_numbers_e164_uq" UNIQUE("tenant_id","e164")
);
--> statement-breakpoint
ALTER TABLE "tariffs" ADD COLUMN "for_porting" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_prices" ADD CONSTRAINT "licence_prices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_documents" ADD CONSTRAINT "port_order_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_documents" ADD CONSTRAINT "port_order_documents_order_id_port_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."port_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_documents" ADD CONSTRAINT "port_order_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_numbers" ADD CONSTRAINT "port_order_numbers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_numbers" ADD CONSTRAINT "port_order_numbers_order_id_port_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."port_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_workplaces" ADD CONSTRAINT "port_order_workplaces_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_order_workplaces" ADD CONSTRAINT "port_order_workplaces_order_id_port_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."port_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_orders" ADD CONSTRAINT "port_orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_orders" ADD CONSTRAINT "port_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_orders" ADD CONSTRAINT "port_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "port_orders" ADD CONSTRAINT "port_orders_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_numbers" ADD CONSTRAINT "temporary_numbers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_numbers" ADD CONSTRAINT "temporary_numbers_assigned_to_port_order_numbers_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."port_order_numbers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_tenant_name_idx" ON "customers" USING btree ("tenant_id",lower("company_name"));--> statement-breakpoint
CREATE INDEX "port_order_documents_order_idx" ON "port_order_documents" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "port_order_numbers_order_idx" ON "port_order_numbers" USING btree ("order_id","position");--> statement-breakpoint
CREATE INDEX "port_order_numbers_range_idx" ON "port_order_numbers" USING btree ("tenant_id","range_first","range_last");--> statement-breakpoint
CREATE INDEX "port_order_workplaces_order_idx" ON "port_order_workplaces" USING btree ("order_id","position");--> statement-breakpoint
CREATE INDEX "port_orders_agent_idx" ON "port_orders" USING btree ("tenant_id","created_by","updated_at");--> statement-breakpoint
CREATE INDEX "port_orders_status_idx" ON "port_orders" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "temporary_numbers_assigned_uq" ON "temporary_numbers" USING btree ("assigned_to") WHERE "temporary_numbers"."assigned_to" is not null;--> statement-breakpoint
CREATE INDEX "temporary_numbers_free_idx" ON "temporary_numbers" USING btree ("tenant_id","released_at") WHERE "temporary_numbers"."assigned_to" is null;