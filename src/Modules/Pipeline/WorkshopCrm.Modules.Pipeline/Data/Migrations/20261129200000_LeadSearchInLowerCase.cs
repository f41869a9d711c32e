using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// The searched text in lower case (ADR 0015, issue 15): leads.search_text becomes
    /// lower(unaccented(name, e-mail and phone)) and the search a plain LIKE against the pattern in lower case. ILIKE
    /// lower-cased both texts again for every candidate row the trigram index returned, a third of a search's time on
    /// QUALITY.md's data set; LIKE compares bytes and finds the same leads. A stored column's values follow its function
    /// only when they are written, so the column is dropped and added again (one rewrite of the table) and its index
    /// rebuilt. Under row-level security the index serves the condition only when LIKE's function is LEAKPROOF, as ILIKE's
    /// was (migration LeadSearchUnderRowLevelSecurity): marked here when migrations run as a superuser, else by a DBA
    /// (docs/operations/database-roles.md).
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261129200000_LeadSearchInLowerCase")]
    internal sealed class LeadSearchInLowerCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Rebuild("lower(pipeline.unaccented(p_name || E'\\x01' || p_email || E'\\x01' || COALESCE(p_phone, '')))", "textlike"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Rebuild("pipeline.unaccented(p_name || E'\\x01' || p_email || E'\\x01' || COALESCE(p_phone, ''))", "texticlike"));

        /// <summary>
        /// pipeline.lead_search_text returning <paramref name="text"/>, the column and index recomputed with it, and, as a
        /// superuser, the function and the search's operator (<paramref name="match"/>) LEAKPROOF (CREATE OR REPLACE
        /// resets the function's mark).
        /// </summary>
        private static string Rebuild(string text, string match) => $$"""
            DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
            ALTER TABLE pipeline.leads DROP COLUMN search_text;
            CREATE OR REPLACE FUNCTION pipeline.lead_search_text(p_name text, p_email text, p_phone text) RETURNS text
                LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
                AS $$ BEGIN RETURN {{text}}; END $$;
            ALTER TABLE pipeline.leads ADD COLUMN search_text text GENERATED ALWAYS AS (pipeline.lead_search_text(name, email, phone)) STORED;
            CREATE INDEX leads_search_trgm_index ON pipeline.leads USING gin (tenant_id, search_text gin_trgm_ops);
            DO $$ BEGIN
                IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                    ALTER FUNCTION pipeline.lead_search_text(text, text, text) LEAKPROOF;
                    ALTER FUNCTION pg_catalog.{{match}}(text, text) LEAKPROOF;
                END IF;
            END $$;
            """;
    }
}
