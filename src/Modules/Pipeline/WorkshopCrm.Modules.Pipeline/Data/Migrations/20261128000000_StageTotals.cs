using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// Column totals kept as state, not recomputed (ADR 0019): pipeline.stage_totals holds, per tenant, stage and owner,
    /// the number of deals and their summed value. Statement-level triggers on pipeline.deals (with transition tables,
    /// so a cascade or a bulk delete is one write per key, not per row) apply each statement's net change in the same
    /// transaction, locking the totals rows in key order, so two moves in opposite directions queue rather than
    /// deadlock. The board reads a few dozen rows instead of aggregating every deal of the company.
    /// pipeline.stage_totals_drift() recomputes them from the deals and lists any difference (tests, bench, the Host's
    /// verify verb); pipeline.rebuild_stage_totals() repairs.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261128000000_StageTotals")]
    internal sealed class StageTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE pipeline.stage_totals (
                    tenant_id bigint NOT NULL,
                    pipeline_stage_id bigint NOT NULL REFERENCES pipeline.pipeline_stages (id) ON DELETE RESTRICT,
                    user_id bigint NOT NULL,
                    deal_count integer NOT NULL,
                    value_sum numeric NOT NULL,
                    CONSTRAINT stage_totals_pkey PRIMARY KEY (tenant_id, pipeline_stage_id, user_id)
                );

                CREATE FUNCTION pipeline.keep_stage_totals() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- The statement's net change per (tenant, stage, owner), applied in key order: every writer locks
                    -- totals rows in the same order, so concurrent moves never deadlock on them.
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO pipeline.stage_totals AS t (tenant_id, pipeline_stage_id, user_id, deal_count, value_sum)
                        SELECT tenant_id, pipeline_stage_id, user_id, count(*), sum(value) FROM new_deals
                        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT (tenant_id, pipeline_stage_id, user_id) DO UPDATE
                            SET deal_count = t.deal_count + EXCLUDED.deal_count, value_sum = t.value_sum + EXCLUDED.value_sum;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO pipeline.stage_totals AS t (tenant_id, pipeline_stage_id, user_id, deal_count, value_sum)
                        SELECT tenant_id, pipeline_stage_id, user_id, -count(*), -sum(value) FROM old_deals
                        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT (tenant_id, pipeline_stage_id, user_id) DO UPDATE
                            SET deal_count = t.deal_count + EXCLUDED.deal_count, value_sum = t.value_sum + EXCLUDED.value_sum;
                    ELSE
                        INSERT INTO pipeline.stage_totals AS t (tenant_id, pipeline_stage_id, user_id, deal_count, value_sum)
                        SELECT tenant_id, pipeline_stage_id, user_id, sum(n), sum(v) FROM (
                            SELECT tenant_id, pipeline_stage_id, user_id, -1 AS n, -value AS v FROM old_deals
                            UNION ALL
                            SELECT tenant_id, pipeline_stage_id, user_id, 1, value FROM new_deals) change
                        GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(v) <> 0 ORDER BY 1, 2, 3
                        ON CONFLICT (tenant_id, pipeline_stage_id, user_id) DO UPDATE
                            SET deal_count = t.deal_count + EXCLUDED.deal_count, value_sum = t.value_sum + EXCLUDED.value_sum;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER deals_stage_totals_insert AFTER INSERT ON pipeline.deals
                    REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_stage_totals();
                CREATE TRIGGER deals_stage_totals_update AFTER UPDATE ON pipeline.deals
                    REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_stage_totals();
                CREATE TRIGGER deals_stage_totals_delete AFTER DELETE ON pipeline.deals
                    REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_stage_totals();

                -- What the totals should be, against what they are: no rows means no drift.
                CREATE FUNCTION pipeline.stage_totals_drift()
                    RETURNS TABLE (tenant_id bigint, pipeline_stage_id bigint, user_id bigint, kept_count integer, actual_count integer, kept_value numeric, actual_value numeric)
                    LANGUAGE sql STABLE AS $$
                    SELECT coalesce(k.tenant_id, a.tenant_id), coalesce(k.pipeline_stage_id, a.pipeline_stage_id), coalesce(k.user_id, a.user_id),
                           coalesce(k.deal_count, 0), coalesce(a.deal_count, 0)::integer, coalesce(k.value_sum, 0), coalesce(a.value_sum, 0)
                    FROM pipeline.stage_totals k
                    FULL JOIN (SELECT d.tenant_id, d.pipeline_stage_id, d.user_id, count(*) AS deal_count, sum(d.value) AS value_sum
                               FROM pipeline.deals d GROUP BY 1, 2, 3) a
                      ON a.tenant_id = k.tenant_id AND a.pipeline_stage_id = k.pipeline_stage_id AND a.user_id = k.user_id
                    WHERE coalesce(k.deal_count, 0) <> coalesce(a.deal_count, 0) OR coalesce(k.value_sum, 0) <> coalesce(a.value_sum, 0)
                    $$;

                -- Repairs whatever the drift check finds (for the tenants the caller sees), in key order.
                CREATE FUNCTION pipeline.rebuild_stage_totals() RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE repaired integer;
                BEGIN
                    WITH drift AS (SELECT * FROM pipeline.stage_totals_drift() ORDER BY 1, 2, 3)
                    INSERT INTO pipeline.stage_totals AS t (tenant_id, pipeline_stage_id, user_id, deal_count, value_sum)
                    SELECT tenant_id, pipeline_stage_id, user_id, actual_count, actual_value FROM drift
                    ON CONFLICT (tenant_id, pipeline_stage_id, user_id) DO UPDATE
                        SET deal_count = EXCLUDED.deal_count, value_sum = EXCLUDED.value_sum;
                    GET DIAGNOSTICS repaired = ROW_COUNT;
                    RETURN repaired;
                END $$;

                INSERT INTO pipeline.stage_totals (tenant_id, pipeline_stage_id, user_id, deal_count, value_sum)
                SELECT tenant_id, pipeline_stage_id, user_id, count(*), sum(value) FROM pipeline.deals
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS deals_stage_totals_insert ON pipeline.deals;
                DROP TRIGGER IF EXISTS deals_stage_totals_update ON pipeline.deals;
                DROP TRIGGER IF EXISTS deals_stage_totals_delete ON pipeline.deals;
                DROP FUNCTION IF EXISTS pipeline.rebuild_stage_totals();
                DROP FUNCTION IF EXISTS pipeline.stage_totals_drift();
                DROP FUNCTION IF EXISTS pipeline.keep_stage_totals();
                DROP TABLE IF EXISTS pipeline.stage_totals;
                """);
        }
    }
}
