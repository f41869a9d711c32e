using System;
using Microsoft.EntityFrameworkCore.Migrations;
using WorkshopCrm.Shared.Messaging;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "pipeline");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "pipeline",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("inbox_messages_pkey", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "members",
                schema: "pipeline",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    role_id = table.Column<long>(type: "bigint", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("members_pkey", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("outbox_messages_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_stages",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_terminal = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pipeline_stages_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("leads_pkey", x => x.id);
                    table.ForeignKey(
                        name: "leads_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    pipeline_stage_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false, defaultValue: 0m),
                    loss_reason = table.Column<string>(type: "text", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    stage_entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("deals_pkey", x => x.id);
                    table.ForeignKey(
                        name: "deals_lead_id_foreign",
                        column: x => x.lead_id,
                        principalSchema: "pipeline",
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "deals_pipeline_stage_id_foreign",
                        column: x => x.pipeline_stage_id,
                        principalSchema: "pipeline",
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "deals_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deal_notes",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    deal_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("deal_notes_pkey", x => x.id);
                    table.ForeignKey(
                        name: "deal_notes_deal_id_foreign",
                        column: x => x.deal_id,
                        principalSchema: "pipeline",
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "deal_notes_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "pipeline",
                table: "pipeline_stages",
                columns: new[] { "id", "created_at", "name", "sort_order", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "New Lead", 1, null },
                    { 2L, null, "Contacted", 2, null },
                    { 3L, null, "Qualified", 3, null },
                    { 4L, null, "Proposal Sent", 4, null },
                    { 5L, null, "Negotiation", 5, null }
                });

            migrationBuilder.InsertData(
                schema: "pipeline",
                table: "pipeline_stages",
                columns: new[] { "id", "created_at", "is_terminal", "name", "sort_order", "updated_at" },
                values: new object[,]
                {
                    { 6L, null, true, "Won", 6, null },
                    { 7L, null, true, "Lost", 7, null }
                });

            migrationBuilder.CreateIndex(
                name: "deal_notes_deal_id_index",
                schema: "pipeline",
                table: "deal_notes",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "deal_notes_tenant_id_index",
                schema: "pipeline",
                table: "deal_notes",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "deals_kanban_order_index",
                schema: "pipeline",
                table: "deals",
                columns: new[] { "tenant_id", "pipeline_stage_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "deals_lead_id_index",
                schema: "pipeline",
                table: "deals",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "deals_pipeline_stage_id_index",
                schema: "pipeline",
                table: "deals",
                column: "pipeline_stage_id");

            migrationBuilder.CreateIndex(
                name: "deals_tenant_id_index",
                schema: "pipeline",
                table: "deals",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "deals_user_id_index",
                schema: "pipeline",
                table: "deals",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "inbox_messages_processed_at_index",
                schema: "pipeline",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "leads_tenant_id_email_unique",
                schema: "pipeline",
                table: "leads",
                columns: new[] { "tenant_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "leads_user_id_index",
                schema: "pipeline",
                table: "leads",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "members_tenant_id_index",
                schema: "pipeline",
                table: "members",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "outbox_messages_delivered_at_index",
                schema: "pipeline",
                table: "outbox_messages",
                column: "delivered_at",
                filter: "delivered_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "outbox_messages_pending_index",
                schema: "pipeline",
                table: "outbox_messages",
                columns: new[] { "available_at", "id" },
                filter: "delivered_at IS NULL AND dead_lettered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "pipeline_stages_name_unique",
                schema: "pipeline",
                table: "pipeline_stages",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "pipeline_stages_sort_order_unique",
                schema: "pipeline",
                table: "pipeline_stages",
                column: "sort_order",
                unique: true);
            migrationBuilder.CreateOutboxNotifyTrigger("pipeline");

            // Substring search of leads (name, e-mail, phone) and deal titles (docs/adr/0011).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX leads_name_trgm_index ON pipeline.leads USING gin (name gin_trgm_ops);
                CREATE INDEX leads_email_trgm_index ON pipeline.leads USING gin (email gin_trgm_ops);
                CREATE INDEX leads_phone_trgm_index ON pipeline.leads USING gin (phone gin_trgm_ops);
                CREATE INDEX deals_title_trgm_index ON pipeline.deals USING gin (title gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.leads_name_trgm_index;
                DROP INDEX IF EXISTS pipeline.leads_email_trgm_index;
                DROP INDEX IF EXISTS pipeline.leads_phone_trgm_index;
                DROP INDEX IF EXISTS pipeline.deals_title_trgm_index;
                """);
            migrationBuilder.DropOutboxNotifyTrigger("pipeline");

            migrationBuilder.DropTable(
                name: "deal_notes",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "deals",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "leads",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "pipeline_stages",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "members",
                schema: "pipeline");
        }
    }
}
