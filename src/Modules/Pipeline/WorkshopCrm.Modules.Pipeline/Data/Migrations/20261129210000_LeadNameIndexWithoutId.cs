using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// leads_tenant_name_index on (tenant_id, name) instead of (tenant_id, name, id) (issue 15, docs/performance.md). With
    /// the id in it, the index covered every "this lead's name" lookup (tenant_id = $1 AND id = the deal's lead): a generic
    /// plan, which guesses a company holds a thousandth of the leads, read the name from it by scanning the whole company's
    /// part of the index (455 buffers, 1.7 ms a move in the large company) instead of one primary-key lookup. The lead
    /// list still walks the index in name order; the few leads of equal name are put in id order by an incremental sort.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261129210000_LeadNameIndexWithoutId")]
    internal sealed class LeadNameIndexWithoutId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            DROP INDEX IF EXISTS pipeline.leads_tenant_name_index;
            CREATE INDEX leads_tenant_name_index ON pipeline.leads (tenant_id, name);
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            DROP INDEX IF EXISTS pipeline.leads_tenant_name_index;
            CREATE INDEX leads_tenant_name_index ON pipeline.leads (tenant_id, name, id);
            """);
    }
}
