using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activity_digests",
                schema: "pipeline",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("activity_digests_pkey", x => new { x.user_id, x.day });
                    table.ForeignKey(
                        name: "activity_digests_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activity_types",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("activity_types_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                schema: "pipeline",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("calendar_feeds_pkey", x => x.user_id);
                    table.ForeignKey(
                        name: "calendar_feeds_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activities",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    deal_id = table.Column<long>(type: "bigint", nullable: true),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<long>(type: "bigint", nullable: false),
                    activity_type_id = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<long>(type: "bigint", nullable: true),
                    outcome = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("activities_pkey", x => x.id);
                    table.CheckConstraint("activities_done_check", "(done_at IS NULL) = (done_by IS NULL)");
                    table.CheckConstraint("activities_duration_check", "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440");
                    table.ForeignKey(
                        name: "activities_activity_type_id_foreign",
                        column: x => x.activity_type_id,
                        principalSchema: "pipeline",
                        principalTable: "activity_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "activities_created_by_foreign",
                        column: x => x.created_by,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "activities_deal_id_foreign",
                        column: x => x.deal_id,
                        principalSchema: "pipeline",
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "activities_done_by_foreign",
                        column: x => x.done_by,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "activities_lead_id_foreign",
                        column: x => x.lead_id,
                        principalSchema: "pipeline",
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "activities_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "pipeline",
                table: "activity_types",
                columns: new[] { "id", "created_at", "name", "sort_order", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "Call", 1, null },
                    { 2L, null, "WhatsApp", 2, null },
                    { 3L, null, "Meeting", 3, null },
                    { 4L, null, "E-mail", 4, null },
                    { 5L, null, "Visit", 5, null },
                    { 6L, null, "Task", 6, null }
                });

            migrationBuilder.CreateIndex(
                name: "activities_deal_id_index",
                schema: "pipeline",
                table: "activities",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "activities_deal_open_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "deal_id", "due_date", "due_time", "id" },
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "activities_lead_id_index",
                schema: "pipeline",
                table: "activities",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "activities_tenant_done_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "done_at" },
                descending: new[] { false, true },
                filter: "done_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "activities_tenant_open_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "due_date", "due_time", "id" },
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "activities_user_done_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "user_id", "done_at" },
                descending: new[] { false, true },
                filter: "done_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "activities_user_open_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "user_id", "due_date", "due_time", "id" },
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "activity_digests_tenant_id_index",
                schema: "pipeline",
                table: "activity_digests",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "activity_types_name_unique",
                schema: "pipeline",
                table: "activity_types",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "calendar_feeds_tenant_id_index",
                schema: "pipeline",
                table: "calendar_feeds",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activities",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "activity_digests",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "calendar_feeds",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "activity_types",
                schema: "pipeline");
        }
    }
}
