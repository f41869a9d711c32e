using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class WhatsAppConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Shared.Text.PhoneNumbers.ToDigits in SQL, for a stored column: digits with the country code, Brazil's 55
            // when a number with its area code has none; + or 00 keeps the number's own code; null when it cannot be one.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION pipeline.phone_digits(p_phone text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$
                      SELECT CASE WHEN length(n) BETWEEN 10 AND 15 THEN n END
                      FROM (
                        SELECT CASE
                                 WHEN t LIKE '00%' THEN substr(d, 3)
                                 WHEN t LIKE '+%' THEN d
                                 WHEN length(ltrim(d, '0')) IN (10, 11) THEN '55' || ltrim(d, '0')
                                 ELSE ltrim(d, '0')
                               END AS n
                        FROM (SELECT btrim(p_phone) AS t, regexp_replace(p_phone, '[^0-9]', '', 'g') AS d) x
                      ) y
                    $$;
                """);

            migrationBuilder.AddColumn<string>(
                name: "phone_digits",
                schema: "pipeline",
                table: "leads",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                computedColumnSql: "pipeline.phone_digits(phone)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "whatsapp_conversations",
                schema: "pipeline",
                columns: table => new
                {
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("whatsapp_conversations_pkey", x => new { x.tenant_id, x.phone });
                });

            migrationBuilder.CreateIndex(
                name: "leads_tenant_phone_digits_index",
                schema: "pipeline",
                table: "leads",
                columns: new[] { "tenant_id", "phone_digits" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_conversations",
                schema: "pipeline");

            migrationBuilder.DropIndex(
                name: "leads_tenant_phone_digits_index",
                schema: "pipeline",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "phone_digits",
                schema: "pipeline",
                table: "leads");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS pipeline.phone_digits(text);");
        }
    }
}
