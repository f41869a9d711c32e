using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Lead search matched on pipeline.lead_search_text(name, email, phone), an expression index: every candidate the
    /// trigram index returned was rechecked by calling that PL/pgSQL function again (about 9 µs a row: 46 ms to count
    /// the 5,000 candidates of a common surname at QUALITY.md's size). The text is now a stored generated column with the
    /// index on it, so the recheck compares a column (ADR 0015 amended, docs/performance.md).
    /// </summary>
    internal partial class LeadSearchColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                schema: "pipeline",
                table: "leads",
                type: "text",
                nullable: true,
                computedColumnSql: "pipeline.lead_search_text(name, email, phone)",
                stored: true);

            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads USING gin (tenant_id, search_text gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, pipeline.lead_search_text(name, email, phone) gin_trgm_ops);
                """);
            migrationBuilder.DropColumn(
                name: "search_text",
                schema: "pipeline",
                table: "leads");
        }
    }
}
