using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class DealHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deal_event_kinds",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("deal_event_kinds_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deal_events",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    deal_id = table.Column<long>(type: "bigint", nullable: false),
                    deal_event_kind_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    start_of_history = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    from_stage_id = table.Column<long>(type: "bigint", nullable: true),
                    to_stage_id = table.Column<long>(type: "bigint", nullable: true),
                    loss_reason = table.Column<string>(type: "text", nullable: true),
                    from_user_id = table.Column<long>(type: "bigint", nullable: true),
                    to_user_id = table.Column<long>(type: "bigint", nullable: true),
                    from_value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    to_value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    from_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    to_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    note_id = table.Column<long>(type: "bigint", nullable: true),
                    activity_id = table.Column<long>(type: "bigint", nullable: true),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("deal_events_pkey", x => x.id);
                    table.ForeignKey(
                        name: "deal_events_activity_id_foreign",
                        column: x => x.activity_id,
                        principalSchema: "pipeline",
                        principalTable: "activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "deal_events_deal_event_kind_id_foreign",
                        column: x => x.deal_event_kind_id,
                        principalSchema: "pipeline",
                        principalTable: "deal_event_kinds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "deal_events_deal_id_foreign",
                        column: x => x.deal_id,
                        principalSchema: "pipeline",
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "deal_events_note_id_foreign",
                        column: x => x.note_id,
                        principalSchema: "pipeline",
                        principalTable: "deal_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "deal_events_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "pipeline",
                table: "deal_event_kinds",
                columns: new[] { "id", "created_at", "name", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "created", null },
                    { 2L, null, "stage_changed", null },
                    { 3L, null, "owner_changed", null },
                    { 4L, null, "value_changed", null },
                    { 5L, null, "title_changed", null },
                    { 6L, null, "note_added", null },
                    { 7L, null, "activity_completed", null },
                    { 8L, null, "whatsapp_in", null },
                    { 9L, null, "whatsapp_out", null }
                });

            migrationBuilder.CreateIndex(
                name: "deal_event_kinds_name_unique",
                schema: "pipeline",
                table: "deal_event_kinds",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "deal_events_activity_id_index",
                schema: "pipeline",
                table: "deal_events",
                column: "activity_id",
                filter: "activity_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "deal_events_deal_timeline_index",
                schema: "pipeline",
                table: "deal_events",
                columns: new[] { "deal_id", "at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "deal_events_note_id_index",
                schema: "pipeline",
                table: "deal_events",
                column: "note_id",
                filter: "note_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "deal_events_tenant_kind_at_index",
                schema: "pipeline",
                table: "deal_events",
                columns: new[] { "tenant_id", "deal_event_kind_id", "at" });

            migrationBuilder.CreateIndex(
                name: "deal_events_user_id_index",
                schema: "pipeline",
                table: "deal_events",
                column: "user_id");

            // Deals from before history was kept: one "created" entry each, at the time they entered their stage, marked as
            // the start of what is known (ADR 0021) rather than invented moves. By nobody: the system wrote it.
            migrationBuilder.Sql(
                """
                INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, start_of_history,
                                                  to_stage_id, to_value, to_user_id, to_title, loss_reason)
                SELECT d.tenant_id, d.id, 1, NULL, d.stage_entered_at, true, d.pipeline_stage_id, d.value, d.user_id, d.title, d.loss_reason
                FROM pipeline.deals d;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deal_events",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "deal_event_kinds",
                schema: "pipeline");
        }
    }
}
