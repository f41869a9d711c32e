using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    internal partial class RateLimitWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The auth rate limits' fixed windows, shared by every Host instance (ADR 0027). Not in the EF model: only
            // RateCounters' upsert writes it. No tenant_id: a limit belongs to an address or an e-mail (its SHA-256).
            migrationBuilder.Sql("""
                CREATE TABLE identity.rate_limit_windows (
                    key character varying(100) NOT NULL CONSTRAINT rate_limit_windows_pkey PRIMARY KEY,
                    window_start timestamp with time zone NOT NULL,
                    hits integer NOT NULL
                );
                CREATE INDEX rate_limit_windows_window_start_index ON identity.rate_limit_windows (window_start);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS identity.rate_limit_windows;");
        }
    }
}
