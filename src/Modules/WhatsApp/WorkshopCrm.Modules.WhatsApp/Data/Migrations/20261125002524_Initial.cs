using System;
using Microsoft.EntityFrameworkCore.Migrations;
using WorkshopCrm.Shared.Messaging;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.WhatsApp.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "whatsapp");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "whatsapp",
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
                name: "outbox_messages",
                schema: "whatsapp",
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
                name: "whatsapp_connection_statuses",
                schema: "whatsapp",
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
                    table.PrimaryKey("whatsapp_connection_statuses_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "whatsapp_connections",
                schema: "whatsapp",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    whatsapp_connection_status_id = table.Column<long>(type: "bigint", nullable: false),
                    instance_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    instance_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    phone_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("whatsapp_connections_pkey", x => x.id);
                    table.ForeignKey(
                        name: "whatsapp_connections_whatsapp_connection_status_id_foreign",
                        column: x => x.whatsapp_connection_status_id,
                        principalSchema: "whatsapp",
                        principalTable: "whatsapp_connection_statuses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "whatsapp",
                table: "whatsapp_connection_statuses",
                columns: new[] { "id", "created_at", "name", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "Connected", null },
                    { 2L, null, "Disconnected", null }
                });

            migrationBuilder.CreateIndex(
                name: "inbox_messages_processed_at_index",
                schema: "whatsapp",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "outbox_messages_delivered_at_index",
                schema: "whatsapp",
                table: "outbox_messages",
                column: "delivered_at",
                filter: "delivered_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "outbox_messages_pending_index",
                schema: "whatsapp",
                table: "outbox_messages",
                columns: new[] { "available_at", "id" },
                filter: "delivered_at IS NULL AND dead_lettered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "whatsapp_connection_statuses_name_unique",
                schema: "whatsapp",
                table: "whatsapp_connection_statuses",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "whatsapp_connections_tenant_id_unique",
                schema: "whatsapp",
                table: "whatsapp_connections",
                column: "tenant_id",
                unique: true);
            migrationBuilder.CreateOutboxNotifyTrigger("whatsapp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxNotifyTrigger("whatsapp");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "whatsapp");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "whatsapp");

            migrationBuilder.DropTable(
                name: "whatsapp_connections",
                schema: "whatsapp");

            migrationBuilder.DropTable(
                name: "whatsapp_connection_statuses",
                schema: "whatsapp");
        }
    }
}
