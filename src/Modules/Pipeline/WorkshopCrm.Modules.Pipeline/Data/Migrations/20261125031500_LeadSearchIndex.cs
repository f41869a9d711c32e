using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Lead search (GET /api/leads?search=) over one text per lead, tenant first: docs/adr/0011, docs/performance.md.
    /// The expression must stay exactly what Leads/ListLeads.cs sends (name, e-mail, phone joined by U+0001), or the
    /// planner cannot use the index.
    /// </summary>
    internal partial class LeadSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, ((name || E'\x01' || email || E'\x01' || COALESCE(phone, ''))) gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;");
        }
    }
}
