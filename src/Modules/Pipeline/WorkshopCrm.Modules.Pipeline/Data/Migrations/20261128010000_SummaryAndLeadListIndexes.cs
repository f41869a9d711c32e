using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Two reads that scanned a large company (issue 15, docs/performance.md): the summary's "won and lost this month"
    /// becomes a range over deals_stage_entered_index, and the lead list, in name order and paged, walks
    /// leads_tenant_name_index and stops at its page instead of sorting every lead of the company.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261128010000_SummaryAndLeadListIndexes")]
    internal sealed class SummaryAndLeadListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS deals_stage_entered_index ON pipeline.deals (tenant_id, pipeline_stage_id, stage_entered_at)
                    INCLUDE (user_id, value);
                CREATE INDEX IF NOT EXISTS leads_tenant_name_index ON pipeline.leads (tenant_id, name, id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.deals_stage_entered_index;
                DROP INDEX IF EXISTS pipeline.leads_tenant_name_index;
                """);
        }
    }
}
