using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// deals_stage_totals_index served the board's column totals until they became kept state (ADR 0019); nothing reads
    /// it now, and every move and new deal paid for keeping it.
    /// </summary>
    internal partial class DropBoardTotalsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "deals_stage_totals_index",
                schema: "pipeline",
                table: "deals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "deals_stage_totals_index",
                schema: "pipeline",
                table: "deals",
                columns: new[] { "tenant_id", "pipeline_stage_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "value", "user_id" });
        }
    }
}
