using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    internal partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_actions",
                schema: "identity",
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
                    table.PrimaryKey("audit_actions_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "identity",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    user_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    audit_action_id = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ip_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("audit_log_pkey", x => x.id);
                    table.ForeignKey(
                        name: "audit_log_audit_action_id_foreign",
                        column: x => x.audit_action_id,
                        principalSchema: "identity",
                        principalTable: "audit_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "audit_log_tenant_id_foreign",
                        column: x => x.tenant_id,
                        principalSchema: "identity",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "identity",
                table: "audit_actions",
                columns: new[] { "id", "created_at", "name", "updated_at" },
                values: new object[,]
                {
                    { 1L, null, "import", null },
                    { 2L, null, "export", null },
                    { 3L, null, "company_export", null },
                    { 4L, null, "personal_data", null },
                    { 5L, null, "anonymize", null },
                    { 6L, null, "lead_deleted", null },
                    { 7L, null, "user_deactivated", null },
                    { 8L, null, "user_reactivated", null },
                    { 9L, null, "role_changed", null },
                    { 10L, null, "company_deleted", null }
                });

            migrationBuilder.CreateIndex(
                name: "audit_actions_name_unique",
                schema: "identity",
                table: "audit_actions",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "audit_log_tenant_occurred_index",
                schema: "identity",
                table: "audit_log",
                columns: new[] { "tenant_id", "occurred_at", "id" },
                descending: new[] { false, true, true });

            // Append-only for the app (ADR 0024): only the table's owner changes or removes an entry. A company's deletion
            // still removes its log, through the foreign key's cascade, which PostgreSQL runs as the table's owner; so do
            // data migrations. The runtime role is also granted no UPDATE or DELETE here (RowLevelSecurity.ApplyAsync,
            // which finds this trigger by its name).
            migrationBuilder.Sql(
                """
                CREATE FUNCTION identity.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
                    RAISE EXCEPTION 'identity.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  IF TG_OP = 'DELETE' THEN
                    RETURN OLD;
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON identity.audit_log
                  FOR EACH ROW EXECUTE FUNCTION identity.audit_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS append_only ON identity.audit_log; DROP FUNCTION IF EXISTS identity.audit_log_append_only();");

            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "identity");

            migrationBuilder.DropTable(
                name: "audit_actions",
                schema: "identity");
        }
    }
}
