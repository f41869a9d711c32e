using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// The reports' totals kept per company day (ADR 0026), as the board's column totals are (ADR 0019): four tables
    /// beside the seed's, written by statement-level triggers on pipeline.deals and pipeline.activities in the same
    /// transaction as every write, so the funnel, the results and the team report read a few rows a day instead of every
    /// deal and activity of the period. pipeline.company_time_zone says which days (Pipeline:TimeZone, written by the Host
    /// at start through pipeline.use_time_zone_for_reports, which rebuilds the totals when it changed).
    /// pipeline.report_totals_drift() recomputes them and lists any difference (tests, bench, the Host's verify verb);
    /// pipeline.rebuild_report_totals() repairs.
    /// </summary>
    internal partial class ReportTotals : Migration
    {
        /// <summary>The totals: name, key columns (tenant first, in lock order) and counters.</summary>
        private sealed record Totals(string Name, string[] Keys, string[] Counters)
        {
            public string KeyList => string.Join(", ", Keys);
            public string Recomputed => $"pipeline.{Name}_recomputed()";
        }

        private static readonly Totals Created = new("created_deal_totals", ["tenant_id", "day", "user_id", "furthest_stage_id", "lost"], ["deal_count"]);
        private static readonly Totals Closed = new("closed_deal_totals", ["tenant_id", "day", "user_id", "pipeline_stage_id"],
            ["deal_count", "value_sum", "days_sum", "days_count"]);
        private static readonly Totals Done = new("done_activity_totals", ["tenant_id", "day", "user_id"], ["done_count"]);
        private static readonly Totals Open = new("open_activity_totals", ["tenant_id", "due_date", "due_time", "user_id"], ["open_count"]);
        private static readonly Totals[] All = [Created, Closed, Done, Open];

        /// <summary>A statement's deal rows, each with the sign it counts with: -1 as it was, +1 as it is now.</summary>
        private static string DealRows(string op)
        {
            const string columns = "tenant_id, user_id, pipeline_stage_id, value, furthest_stage_id, created_at, stage_entered_at";
            return op switch
            {
                "INSERT" => $"SELECT 1 AS n, {columns} FROM new_deals",
                "DELETE" => $"SELECT -1 AS n, {columns} FROM old_deals",
                _ => $"SELECT -1 AS n, {columns} FROM old_deals UNION ALL SELECT 1, {columns} FROM new_deals",
            };
        }

        private static string ActivityRows(string op)
        {
            const string columns = "tenant_id, user_id, due_date, due_time, done_at";
            return op switch
            {
                "INSERT" => $"SELECT 1 AS n, {columns} FROM new_activities",
                "DELETE" => $"SELECT -1 AS n, {columns} FROM old_activities",
                _ => $"SELECT -1 AS n, {columns} FROM old_activities UNION ALL SELECT 1, {columns} FROM new_activities",
            };
        }

        /// <summary>
        /// The statement's net change per key, applied in key order (created deals, then closed deals): every writer takes
        /// totals row locks in the same order, so concurrent writes queue rather than deadlock. A net change of nothing
        /// (a title edit, a column renumbering) writes nothing.
        /// </summary>
        private static string KeepDeals(string op) =>
            $"""
                    INSERT INTO pipeline.created_deal_totals AS t (tenant_id, day, user_id, furthest_stage_id, lost, deal_count)
                    SELECT tenant_id, (created_at AT TIME ZONE zone)::date, user_id, coalesce(furthest_stage_id, 0), pipeline_stage_id = 7, sum(n)
                    FROM ({DealRows(op)}) change
                    WHERE created_at IS NOT NULL
                    GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5
                    ON CONFLICT (tenant_id, day, user_id, furthest_stage_id, lost) DO UPDATE
                        SET deal_count = t.deal_count + EXCLUDED.deal_count;
                    INSERT INTO pipeline.closed_deal_totals AS t (tenant_id, day, user_id, pipeline_stage_id, deal_count, value_sum, days_sum, days_count)
                    SELECT * FROM (
                        SELECT tenant_id, (stage_entered_at AT TIME ZONE zone)::date AS day, user_id, pipeline_stage_id,
                               sum(n) AS deal_count, sum(n * value) AS value_sum,
                               coalesce(sum(n * (extract(epoch FROM stage_entered_at - created_at) / 86400)), 0) AS days_sum,
                               coalesce(sum(n) FILTER (WHERE created_at IS NOT NULL), 0) AS days_count
                        FROM ({DealRows(op)}) change
                        WHERE pipeline_stage_id IN (6, 7) -- Won, Lost
                        GROUP BY 1, 2, 3, 4) net
                    WHERE deal_count <> 0 OR value_sum <> 0 OR days_sum <> 0 OR days_count <> 0
                    ORDER BY 1, 2, 3, 4
                    ON CONFLICT (tenant_id, day, user_id, pipeline_stage_id) DO UPDATE
                        SET deal_count = t.deal_count + EXCLUDED.deal_count, value_sum = t.value_sum + EXCLUDED.value_sum,
                            days_sum = t.days_sum + EXCLUDED.days_sum, days_count = t.days_count + EXCLUDED.days_count;
            """;

        /// <summary>
        /// As <see cref="KeepDeals"/>, done activities then open ones; an open row a statement empties goes (activities
        /// do not stay open for ever, so the open totals stay as few as the open activities' days).
        /// </summary>
        private static string KeepActivities(string op) =>
            $"""
                    INSERT INTO pipeline.done_activity_totals AS t (tenant_id, day, user_id, done_count)
                    SELECT tenant_id, (done_at AT TIME ZONE zone)::date, user_id, sum(n)
                    FROM ({ActivityRows(op)}) change
                    WHERE done_at IS NOT NULL
                    GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
                    ON CONFLICT (tenant_id, day, user_id) DO UPDATE SET done_count = t.done_count + EXCLUDED.done_count;
                    INSERT INTO pipeline.open_activity_totals AS t (tenant_id, due_date, due_time, user_id, open_count)
                    SELECT tenant_id, due_date, coalesce(due_time, '24:00'), user_id, sum(n)
                    FROM ({ActivityRows(op)}) change
                    WHERE done_at IS NULL
                    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (tenant_id, due_date, due_time, user_id) DO UPDATE SET open_count = t.open_count + EXCLUDED.open_count;
            """ + (op == "INSERT" ? "" :
            $"""

                    DELETE FROM pipeline.open_activity_totals t
                    USING (SELECT DISTINCT tenant_id, due_date, coalesce(due_time, '24:00') AS due_time, user_id
                           FROM ({ActivityRows(op)}) change WHERE done_at IS NULL AND n < 0) emptied
                    WHERE t.open_count = 0 AND t.tenant_id = emptied.tenant_id AND t.due_date = emptied.due_date
                      AND t.due_time = emptied.due_time AND t.user_id = emptied.user_id;
            """);

        private static string Condition(Totals totals, string left, string right) =>
            string.Join(" AND ", totals.Keys.Select(k => $"{left}.{k} = {right}.{k}"));

        private static string Differs(Totals totals) =>
            string.Join(" OR ", totals.Counters.Select(c => $"coalesce(k.{c}, 0) <> coalesce(a.{c}, 0)"));

        private static string Described(Totals totals, string alias) =>
            "concat_ws(' / ', " + string.Join(", ", totals.Counters.Select(c => $"coalesce({alias}.{c}, 0)")) + ")";

        /// <summary>One table's rows that differ from what the deals and activities say.</summary>
        private static string DriftOf(Totals totals) =>
            $"""
                SELECT '{totals.Name}'::text, coalesce(k.tenant_id, a.tenant_id),
                       concat_ws(' ', {string.Join(", ", totals.Keys.Skip(1).Select(key => $"'{key}=' || coalesce(k.{key}, a.{key})"))}),
                       {Described(totals, "k")}, {Described(totals, "a")}
                FROM pipeline.{totals.Name} k
                FULL JOIN {totals.Recomputed} a ON {Condition(totals, "a", "k")}
                WHERE {Differs(totals)}
            """;

        /// <summary>Sets one table's differing rows to what the sources say, in key order; empty rows go.</summary>
        private static string RebuildOf(Totals totals) =>
            $"""
                    INSERT INTO pipeline.{totals.Name} AS t ({totals.KeyList}, {string.Join(", ", totals.Counters)})
                    SELECT {string.Join(", ", totals.Keys.Select(key => $"coalesce(k.{key}, a.{key})"))},
                           {string.Join(", ", totals.Counters.Select(c => $"coalesce(a.{c}, 0)"))}
                    FROM pipeline.{totals.Name} k
                    FULL JOIN {totals.Recomputed} a ON {Condition(totals, "a", "k")}
                    WHERE {Differs(totals)}
                    ORDER BY {string.Join(", ", Enumerable.Range(1, totals.Keys.Length))}
                    ON CONFLICT ({totals.KeyList}) DO UPDATE SET {string.Join(", ", totals.Counters.Select(c => $"{c} = EXCLUDED.{c}"))};
                    GET DIAGNOSTICS changed = ROW_COUNT;
                    repaired := repaired + changed;
                    DELETE FROM pipeline.{totals.Name} WHERE {string.Join(" AND ", totals.Counters.Select(c => $"{c} = 0"))};
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                -- Which calendar the days are: the IANA name of Pipeline:TimeZone (ADR 0026). One row, written by the Host.
                CREATE TABLE pipeline.company_time_zone (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    time_zone text NOT NULL
                );
                INSERT INTO pipeline.company_time_zone (time_zone) VALUES ('America/Sao_Paulo');

                -- Deals by the company day they were created, owner now, furthest stage before Won (0: only ever Lost) and
                -- whether they are Lost now: the funnel.
                CREATE TABLE pipeline.created_deal_totals (
                    tenant_id bigint NOT NULL,
                    day date NOT NULL,
                    user_id bigint NOT NULL,
                    furthest_stage_id bigint NOT NULL,
                    lost boolean NOT NULL,
                    deal_count integer NOT NULL,
                    CONSTRAINT created_deal_totals_pkey PRIMARY KEY (tenant_id, day, user_id, furthest_stage_id, lost)
                );

                -- Deals in Won or Lost now by the company day they entered it and owner now: count, value, and the days from
                -- creation to closing (summed exactly, as numeric; counted where the creation time is known): results, team.
                CREATE TABLE pipeline.closed_deal_totals (
                    tenant_id bigint NOT NULL,
                    day date NOT NULL,
                    user_id bigint NOT NULL,
                    pipeline_stage_id bigint NOT NULL CHECK (pipeline_stage_id IN (6, 7)),
                    deal_count integer NOT NULL,
                    value_sum numeric NOT NULL,
                    days_sum numeric NOT NULL,
                    days_count integer NOT NULL,
                    CONSTRAINT closed_deal_totals_pkey PRIMARY KEY (tenant_id, day, user_id, pipeline_stage_id)
                );

                -- Activities done, by the company day they were done and their owner: the team.
                CREATE TABLE pipeline.done_activity_totals (
                    tenant_id bigint NOT NULL,
                    day date NOT NULL,
                    user_id bigint NOT NULL,
                    done_count integer NOT NULL,
                    CONSTRAINT done_activity_totals_pkey PRIMARY KEY (tenant_id, day, user_id)
                );

                -- Open activities by the day and time they are due (all day: 24:00, never past on its own day) and owner:
                -- the team's overdue now. Rows that reach zero go.
                CREATE TABLE pipeline.open_activity_totals (
                    tenant_id bigint NOT NULL,
                    due_date date NOT NULL,
                    due_time time NOT NULL,
                    user_id bigint NOT NULL,
                    open_count integer NOT NULL,
                    CONSTRAINT open_activity_totals_pkey PRIMARY KEY (tenant_id, due_date, due_time, user_id)
                );

                CREATE FUNCTION pipeline.keep_deal_report_totals() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := (SELECT time_zone FROM pipeline.company_time_zone);
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                {{KeepDeals("INSERT")}}
                    ELSIF TG_OP = 'DELETE' THEN
                {{KeepDeals("DELETE")}}
                    ELSE
                {{KeepDeals("UPDATE")}}
                    END IF;
                    RETURN NULL;
                END $$;

                -- Named so that they fire before deals_stage_totals_* (same event: alphabetical order), always: one lock order.
                CREATE TRIGGER deals_report_totals_insert AFTER INSERT ON pipeline.deals
                    REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_deal_report_totals();
                CREATE TRIGGER deals_report_totals_update AFTER UPDATE ON pipeline.deals
                    REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_deal_report_totals();
                CREATE TRIGGER deals_report_totals_delete AFTER DELETE ON pipeline.deals
                    REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_deal_report_totals();

                CREATE FUNCTION pipeline.keep_activity_report_totals() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := (SELECT time_zone FROM pipeline.company_time_zone);
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                {{KeepActivities("INSERT")}}
                    ELSIF TG_OP = 'DELETE' THEN
                {{KeepActivities("DELETE")}}
                    ELSE
                {{KeepActivities("UPDATE")}}
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER activities_report_totals_insert AFTER INSERT ON pipeline.activities
                    REFERENCING NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_activity_report_totals();
                CREATE TRIGGER activities_report_totals_update AFTER UPDATE ON pipeline.activities
                    REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_activity_report_totals();
                CREATE TRIGGER activities_report_totals_delete AFTER DELETE ON pipeline.activities
                    REFERENCING OLD TABLE AS old_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_activity_report_totals();

                -- What each table should hold, from the deals and activities (of the tenants the caller sees).
                CREATE FUNCTION pipeline.created_deal_totals_recomputed()
                    RETURNS TABLE (tenant_id bigint, day date, user_id bigint, furthest_stage_id bigint, lost boolean, deal_count integer)
                    LANGUAGE sql STABLE AS $$
                    SELECT d.tenant_id, (d.created_at AT TIME ZONE z.time_zone)::date, d.user_id, coalesce(d.furthest_stage_id, 0),
                           d.pipeline_stage_id = 7, count(*)::integer
                    FROM pipeline.deals d CROSS JOIN pipeline.company_time_zone z
                    WHERE d.created_at IS NOT NULL
                    GROUP BY 1, 2, 3, 4, 5
                    $$;
                CREATE FUNCTION pipeline.closed_deal_totals_recomputed()
                    RETURNS TABLE (tenant_id bigint, day date, user_id bigint, pipeline_stage_id bigint,
                                   deal_count integer, value_sum numeric, days_sum numeric, days_count integer)
                    LANGUAGE sql STABLE AS $$
                    SELECT d.tenant_id, (d.stage_entered_at AT TIME ZONE z.time_zone)::date, d.user_id, d.pipeline_stage_id,
                           count(*)::integer, sum(d.value), coalesce(sum(extract(epoch FROM d.stage_entered_at - d.created_at) / 86400), 0),
                           count(d.created_at)::integer
                    FROM pipeline.deals d CROSS JOIN pipeline.company_time_zone z
                    WHERE d.pipeline_stage_id IN (6, 7)
                    GROUP BY 1, 2, 3, 4
                    $$;
                CREATE FUNCTION pipeline.done_activity_totals_recomputed()
                    RETURNS TABLE (tenant_id bigint, day date, user_id bigint, done_count integer)
                    LANGUAGE sql STABLE AS $$
                    SELECT a.tenant_id, (a.done_at AT TIME ZONE z.time_zone)::date, a.user_id, count(*)::integer
                    FROM pipeline.activities a CROSS JOIN pipeline.company_time_zone z
                    WHERE a.done_at IS NOT NULL
                    GROUP BY 1, 2, 3
                    $$;
                CREATE FUNCTION pipeline.open_activity_totals_recomputed()
                    RETURNS TABLE (tenant_id bigint, due_date date, due_time time, user_id bigint, open_count integer)
                    LANGUAGE sql STABLE AS $$
                    SELECT a.tenant_id, a.due_date, coalesce(a.due_time, '24:00'), a.user_id, count(*)::integer
                    FROM pipeline.activities a
                    WHERE a.done_at IS NULL
                    GROUP BY 1, 2, 3, 4
                    $$;

                -- What the totals should be, against what they are: no rows means no drift. One snapshot for both sides.
                CREATE FUNCTION pipeline.report_totals_drift()
                    RETURNS TABLE (totals text, tenant_id bigint, key text, kept text, actual text)
                    LANGUAGE sql STABLE AS $$
                {{string.Join("\n    UNION ALL\n", All.Select(DriftOf))}}
                    $$;

                -- Repairs whatever the drift check finds (for the tenants the caller sees), in key order. The deals and
                -- activities are locked against writes meanwhile (SHARE: reads go on), so what it writes stays exact.
                CREATE FUNCTION pipeline.rebuild_report_totals() RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE repaired integer := 0; changed integer;
                BEGIN
                    LOCK TABLE pipeline.deals, pipeline.activities IN SHARE MODE;
                {{string.Join("\n", All.Select(RebuildOf))}}
                    RETURN repaired;
                END $$;

                -- The Host calls this at start with Pipeline:TimeZone: nothing when it is the zone the totals are kept in;
                -- otherwise the zone changes and the totals are rebuilt, writes waiting meanwhile. An unknown zone fails
                -- before anything changes. Call it across tenants: it rebuilds what the caller sees.
                CREATE FUNCTION pipeline.use_time_zone_for_reports(zone text) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM now() AT TIME ZONE zone;
                    IF EXISTS (SELECT FROM pipeline.company_time_zone WHERE time_zone = zone) THEN
                        RETURN false;
                    END IF;
                    LOCK TABLE pipeline.deals, pipeline.activities IN SHARE MODE;
                    UPDATE pipeline.company_time_zone SET time_zone = zone WHERE time_zone <> zone;
                    IF NOT FOUND THEN
                        RETURN false; -- another instance switched it meanwhile
                    END IF;
                    PERFORM pipeline.rebuild_report_totals();
                    RETURN true;
                END $$;

                SELECT pipeline.rebuild_report_totals();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS deals_report_totals_insert ON pipeline.deals;
                DROP TRIGGER IF EXISTS deals_report_totals_update ON pipeline.deals;
                DROP TRIGGER IF EXISTS deals_report_totals_delete ON pipeline.deals;
                DROP TRIGGER IF EXISTS activities_report_totals_insert ON pipeline.activities;
                DROP TRIGGER IF EXISTS activities_report_totals_update ON pipeline.activities;
                DROP TRIGGER IF EXISTS activities_report_totals_delete ON pipeline.activities;
                DROP FUNCTION IF EXISTS pipeline.use_time_zone_for_reports(text);
                DROP FUNCTION IF EXISTS pipeline.rebuild_report_totals();
                DROP FUNCTION IF EXISTS pipeline.report_totals_drift();
                DROP FUNCTION IF EXISTS pipeline.created_deal_totals_recomputed();
                DROP FUNCTION IF EXISTS pipeline.closed_deal_totals_recomputed();
                DROP FUNCTION IF EXISTS pipeline.done_activity_totals_recomputed();
                DROP FUNCTION IF EXISTS pipeline.open_activity_totals_recomputed();
                DROP FUNCTION IF EXISTS pipeline.keep_deal_report_totals();
                DROP FUNCTION IF EXISTS pipeline.keep_activity_report_totals();
                DROP TABLE IF EXISTS pipeline.created_deal_totals;
                DROP TABLE IF EXISTS pipeline.closed_deal_totals;
                DROP TABLE IF EXISTS pipeline.done_activity_totals;
                DROP TABLE IF EXISTS pipeline.open_activity_totals;
                DROP TABLE IF EXISTS pipeline.company_time_zone;
                """);
        }
    }
}
