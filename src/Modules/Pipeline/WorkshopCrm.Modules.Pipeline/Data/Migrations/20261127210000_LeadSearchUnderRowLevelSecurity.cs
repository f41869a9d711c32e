using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Lead search keeps its trigram index under row-level security (ADR 0018). PostgreSQL lets a query condition use
    /// an index below a table's RLS policy only when every function in it is LEAKPROOF; COALESCE never is, and || and
    /// ILIKE are not by default, so the search fell back to reading every lead of the company. The searched text is now
    /// one function, pipeline.lead_search_text (PL/pgSQL, so the planner does not inline it and see COALESCE again),
    /// and the index is rebuilt on it. When migrations run as a superuser, the functions the condition uses are
    /// marked LEAKPROOF (they raise no error that depends on a row's data); elsewhere a DBA runs the three ALTERs once
    /// (docs/operations/database-roles.md) and until then search is correct, only slower.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261127210000_LeadSearchUnderRowLevelSecurity")]
    internal sealed class LeadSearchUnderRowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION pipeline.lead_search_text(p_name text, p_email text, p_phone text) RETURNS text
                    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
                    AS $$ BEGIN RETURN pipeline.unaccented(p_name || E'\x01' || p_email || E'\x01' || COALESCE(p_phone, '')); END $$;

                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, pipeline.lead_search_text(name, email, phone) gin_trgm_ops);

                DO $$ BEGIN
                    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                        ALTER FUNCTION pipeline.lead_search_text(text, text, text) LEAKPROOF;
                        ALTER FUNCTION pipeline.unaccented(text) LEAKPROOF;
                        ALTER FUNCTION pg_catalog.texticlike(text, text) LEAKPROOF;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, pipeline.unaccented(name || E'\x01' || email || E'\x01' || COALESCE(phone, '')) gin_trgm_ops);
                DROP FUNCTION IF EXISTS pipeline.lead_search_text(text, text, text);
                """);
        }
    }
}
