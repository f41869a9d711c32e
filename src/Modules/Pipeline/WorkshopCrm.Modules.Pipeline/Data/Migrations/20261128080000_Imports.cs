using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_statuses",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("import_statuses_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    with_deals = table.Column<bool>(type: "boolean", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    separator = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    columns = table.Column<string[]>(type: "text[]", nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    mapping = table.Column<string>(type: "jsonb", nullable: true),
                    update_duplicates = table.Column<bool>(type: "boolean", nullable: false),
                    default_owner_id = table.Column<long>(type: "bigint", nullable: true),
                    default_stage_id = table.Column<long>(type: "bigint", nullable: true),
                    import_status_id = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    processed = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    cancel_requested = table.Column<bool>(type: "boolean", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("imports_pkey", x => x.id);
                    table.ForeignKey(
                        name: "imports_import_status_id_foreign",
                        column: x => x.import_status_id,
                        principalSchema: "pipeline",
                        principalTable: "import_statuses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "imports_user_id_foreign",
                        column: x => x.user_id,
                        principalSchema: "pipeline",
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_file_chunks",
                schema: "pipeline",
                columns: table => new
                {
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("import_file_chunks_pkey", x => new { x.import_id, x.sequence });
                    table.ForeignKey(
                        name: "import_file_chunks_import_id_foreign",
                        column: x => x.import_id,
                        principalSchema: "pipeline",
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_rejections",
                schema: "pipeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    cells = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("import_rejections_pkey", x => x.id);
                    table.ForeignKey(
                        name: "import_rejections_import_id_foreign",
                        column: x => x.import_id,
                        principalSchema: "pipeline",
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "pipeline",
                table: "import_statuses",
                columns: new[] { "id", "name" },
                values: new object[,]
                {
                    { 1L, "Uploaded" },
                    { 2L, "Running" },
                    { 3L, "Completed" },
                    { 4L, "Failed" },
                    { 5L, "Cancelled" }
                });

            migrationBuilder.CreateIndex(
                name: "import_file_chunks_tenant_id_index",
                schema: "pipeline",
                table: "import_file_chunks",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "import_rejections_import_row_index",
                schema: "pipeline",
                table: "import_rejections",
                columns: new[] { "import_id", "row" });

            migrationBuilder.CreateIndex(
                name: "import_rejections_tenant_id_index",
                schema: "pipeline",
                table: "import_rejections",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "import_statuses_name_unique",
                schema: "pipeline",
                table: "import_statuses",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "imports_running_index",
                schema: "pipeline",
                table: "imports",
                column: "lease_until",
                filter: "import_status_id = 2");

            migrationBuilder.CreateIndex(
                name: "imports_tenant_user_index",
                schema: "pipeline",
                table: "imports",
                columns: new[] { "tenant_id", "user_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_file_chunks",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "import_rejections",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "imports",
                schema: "pipeline");

            migrationBuilder.DropTable(
                name: "import_statuses",
                schema: "pipeline");
        }
    }
}
