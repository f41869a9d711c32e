using System;
using Microsoft.EntityFrameworkCore.Migrations;
using WorkshopCrm.Shared.Messaging;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Invitations.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "invitations");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "invitations",
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
                name: "invitation_statuses",
                schema: "invitations",
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
                    table.PrimaryKey("invitation_statuses_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "invitations",
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
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scrub_on_delivery = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("outbox_messages_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                schema: "invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    invited_by_user_id = table.Column<long>(type: "bigint", nullable: false),
                    invitation_status_id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    token = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("invitations_pkey", x => x.id);
                    table.ForeignKey(
                        name: "invitations_invitation_status_id_foreign",
                        column: x => x.invitation_status_id,
                        principalSchema: "invitations",
                        principalTable: "invitation_statuses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "invitations",
                table: "invitation_statuses",
                columns: new[] { "id", "created_at", "name", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "Pending", null },
                    { 2L, null, "Accepted", null },
                    { 3L, null, "Revoked", null },
                    { 4L, null, "Expired", null }
                });

            migrationBuilder.CreateIndex(
                name: "inbox_messages_processed_at_index",
                schema: "invitations",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "invitation_statuses_name_unique",
                schema: "invitations",
                table: "invitation_statuses",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "invitations_tenant_email_index",
                schema: "invitations",
                table: "invitations",
                columns: new[] { "tenant_id", "email" });

            migrationBuilder.CreateIndex(
                name: "invitations_tenant_id_index",
                schema: "invitations",
                table: "invitations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "invitations_token_unique",
                schema: "invitations",
                table: "invitations",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "outbox_messages_delivered_at_index",
                schema: "invitations",
                table: "outbox_messages",
                column: "delivered_at",
                filter: "delivered_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "outbox_messages_pending_index",
                schema: "invitations",
                table: "outbox_messages",
                columns: new[] { "available_at", "id" },
                filter: "delivered_at IS NULL AND dead_lettered_at IS NULL");
            migrationBuilder.CreateOutboxNotifyTrigger("invitations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxNotifyTrigger("invitations");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "invitations");

            migrationBuilder.DropTable(
                name: "invitations",
                schema: "invitations");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "invitations");

            migrationBuilder.DropTable(
                name: "invitation_statuses",
                schema: "invitations");
        }
    }
}
