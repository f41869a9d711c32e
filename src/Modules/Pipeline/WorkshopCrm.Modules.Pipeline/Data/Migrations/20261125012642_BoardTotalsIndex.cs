using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    internal partial class BoardTotalsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "deals_stage_totals_index",
                schema: "pipeline",
                table: "deals",
                columns: new[] { "tenant_id", "pipeline_stage_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "value", "user_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "deals_stage_totals_index",
                schema: "pipeline",
                table: "deals");
        }
    }
}
