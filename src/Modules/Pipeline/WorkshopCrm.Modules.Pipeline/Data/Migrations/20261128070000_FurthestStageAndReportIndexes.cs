using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// The year's reports measured over QUALITY.md's data set (docs/performance.md): the funnel read every deal's history
    /// (518 ms) — each deal now keeps the furthest stage it reached; the team report's activity counts read the heap —
    /// the company's open and done indexes now carry the owner.
    /// </summary>
    internal partial class FurthestStageAndReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "activities_tenant_done_index",
                schema: "pipeline",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "activities_tenant_open_index",
                schema: "pipeline",
                table: "activities");

            migrationBuilder.AddColumn<long>(
                name: "furthest_stage_id",
                schema: "pipeline",
                table: "deals",
                type: "bigint",
                nullable: true);

            // How far each existing deal got, from its history (the start-of-history entry at least: its stage now).
            migrationBuilder.Sql(
                """
                UPDATE pipeline.deals d SET furthest_stage_id = f.furthest
                FROM (SELECT e.deal_id, max(e.to_stage_id) AS furthest FROM pipeline.deal_events e
                      WHERE e.deal_event_kind_id IN (1, 2) AND e.to_stage_id <> 7 GROUP BY e.deal_id) f
                WHERE f.deal_id = d.id;
                """);

            migrationBuilder.CreateIndex(
                name: "deals_tenant_created_index",
                schema: "pipeline",
                table: "deals",
                columns: new[] { "tenant_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "furthest_stage_id", "pipeline_stage_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "activities_tenant_done_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "done_at" },
                descending: new[] { false, true },
                filter: "done_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "user_id" });

            migrationBuilder.CreateIndex(
                name: "activities_tenant_open_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "due_date", "due_time", "id" },
                filter: "done_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "user_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "deals_tenant_created_index",
                schema: "pipeline",
                table: "deals");

            migrationBuilder.DropIndex(
                name: "activities_tenant_done_index",
                schema: "pipeline",
                table: "activities");

            migrationBuilder.DropIndex(
                name: "activities_tenant_open_index",
                schema: "pipeline",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "furthest_stage_id",
                schema: "pipeline",
                table: "deals");

            migrationBuilder.CreateIndex(
                name: "activities_tenant_done_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "done_at" },
                descending: new[] { false, true },
                filter: "done_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "activities_tenant_open_index",
                schema: "pipeline",
                table: "activities",
                columns: new[] { "tenant_id", "due_date", "due_time", "id" },
                filter: "done_at IS NULL");
        }
    }
}
