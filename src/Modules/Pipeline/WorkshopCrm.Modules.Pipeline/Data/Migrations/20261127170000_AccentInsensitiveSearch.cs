using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Search ignores accents both ways ("goncalves" finds "Gonçalves", "GONÇALVES" finds "goncalves"): the searched
    /// text and the pattern both go through pipeline.unaccented, an IMMUTABLE wrapper of unaccent with its dictionary
    /// named (unaccent itself is only STABLE, so it cannot stand in an index), and the trigram indexes are rebuilt on
    /// that expression. The expressions must stay exactly what Leads/ListLeads.cs and Board/BoardQuery.cs send.
    /// docs/adr/0015-accent-insensitive-search.md.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261127170000_AccentInsensitiveSearch")]
    internal sealed class AccentInsensitiveSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE OR REPLACE FUNCTION pipeline.unaccented(text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, pipeline.unaccented(name || E'\x01' || email || E'\x01' || COALESCE(phone, '')) gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.leads_name_trgm_index;
                CREATE INDEX leads_name_trgm_index ON pipeline.leads USING gin (pipeline.unaccented(name) gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.leads_email_trgm_index;
                CREATE INDEX leads_email_trgm_index ON pipeline.leads USING gin (pipeline.unaccented(email) gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.deals_title_trgm_index;
                CREATE INDEX deals_title_trgm_index ON pipeline.deals USING gin (pipeline.unaccented(title) gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS pipeline.leads_search_trgm_index;
                CREATE INDEX leads_search_trgm_index ON pipeline.leads
                    USING gin (tenant_id, ((name || E'\x01' || email || E'\x01' || COALESCE(phone, ''))) gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.leads_name_trgm_index;
                CREATE INDEX leads_name_trgm_index ON pipeline.leads USING gin (name gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.leads_email_trgm_index;
                CREATE INDEX leads_email_trgm_index ON pipeline.leads USING gin (email gin_trgm_ops);
                DROP INDEX IF EXISTS pipeline.deals_title_trgm_index;
                CREATE INDEX deals_title_trgm_index ON pipeline.deals USING gin (title gin_trgm_ops);
                DROP FUNCTION IF EXISTS pipeline.unaccented(text);
                """);
        }
    }
}
