using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// Each deal's next open activity kept as state (ADR 0032, issue 16): one row per deal with an open activity, written
    /// by statement triggers on pipeline.activities in the writing transaction, so the board reads a card's next activity
    /// with one primary-key probe instead of a walk of activities_deal_open_index per card.
    /// pipeline.next_activities_drift() lists any difference from the activities (tests, the bench, the verify verb);
    /// pipeline.rebuild_next_activities() repairs.
    /// </summary>
    internal partial class NextActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE pipeline.next_activities (
                    tenant_id bigint NOT NULL,
                    deal_id bigint NOT NULL,
                    activity_id bigint NOT NULL,
                    activity_type_id bigint NOT NULL,
                    due_date date NOT NULL,
                    due_time time without time zone NULL,
                    CONSTRAINT next_activities_pkey PRIMARY KEY (tenant_id, deal_id),
                    CONSTRAINT next_activities_deal_id_foreign FOREIGN KEY (deal_id) REFERENCES pipeline.deals (id) ON DELETE CASCADE
                );
                CREATE INDEX next_activities_deal_id_index ON pipeline.next_activities (deal_id);

                -- The next activity of each of these deals, set again from its open activities. Writers of the same deal
                -- take turns on the deal's row (FOR NO KEY UPDATE: it neither changes the row's version nor blocks the
                -- foreign-key checks of other writes), always in deal id order so two of them never deadlock; each
                -- statement after the lock starts from a snapshot taken after it, so it sees what the writer before
                -- committed: two activities added at once to one deal never leave the later one as its next.
                CREATE FUNCTION pipeline.keep_next_activities_of(deal_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM pipeline.deals d WHERE d.id = ANY (deal_ids) ORDER BY d.id FOR NO KEY UPDATE;
                    DELETE FROM pipeline.next_activities k
                    WHERE k.deal_id = ANY (deal_ids)
                      AND NOT EXISTS (SELECT 1 FROM pipeline.activities a WHERE a.deal_id = k.deal_id AND a.done_at IS NULL);
                    INSERT INTO pipeline.next_activities AS k (tenant_id, deal_id, activity_id, activity_type_id, due_date, due_time)
                    SELECT d.tenant_id, d.id, n.id, n.activity_type_id, n.due_date, n.due_time
                    FROM pipeline.deals d
                    CROSS JOIN LATERAL (
                        SELECT a.id, a.activity_type_id, a.due_date, a.due_time FROM pipeline.activities a
                        WHERE a.deal_id = d.id AND a.done_at IS NULL
                        ORDER BY a.due_date, a.due_time, a.id
                        LIMIT 1
                    ) n
                    WHERE d.id = ANY (deal_ids)
                    ORDER BY d.id
                    ON CONFLICT (tenant_id, deal_id) DO UPDATE
                        SET activity_id = EXCLUDED.activity_id, activity_type_id = EXCLUDED.activity_type_id,
                            due_date = EXCLUDED.due_date, due_time = EXCLUDED.due_time
                        WHERE (k.activity_id, k.activity_type_id, k.due_date, k.due_time)
                              IS DISTINCT FROM (EXCLUDED.activity_id, EXCLUDED.activity_type_id, EXCLUDED.due_date, EXCLUDED.due_time);
                END $$;

                -- Only the writes that can change a deal's next activity go on: an open activity of a deal added or
                -- removed; its deal, type, day, time or being done changed. A new subject or note costs nothing here.
                CREATE FUNCTION pipeline.keep_next_activities() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE deal_ids bigint[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(DISTINCT n.deal_id) INTO deal_ids FROM new_activities n
                        WHERE n.deal_id IS NOT NULL AND n.done_at IS NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(DISTINCT o.deal_id) INTO deal_ids FROM old_activities o
                        WHERE o.deal_id IS NOT NULL AND o.done_at IS NULL;
                    ELSE
                        SELECT array_agg(DISTINCT x.deal_id) INTO deal_ids
                        FROM old_activities o JOIN new_activities n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES (o.deal_id), (n.deal_id)) x (deal_id)
                        WHERE x.deal_id IS NOT NULL
                          AND (o.deal_id, o.activity_type_id, o.due_date, o.due_time, o.done_at IS NULL)
                              IS DISTINCT FROM (n.deal_id, n.activity_type_id, n.due_date, n.due_time, n.done_at IS NULL);
                    END IF;
                    IF deal_ids IS NOT NULL THEN
                        PERFORM pipeline.keep_next_activities_of(deal_ids);
                    END IF;
                    RETURN NULL;
                END $$;

                -- Named so that they fire before activities_report_totals_* (same event: alphabetical order), always:
                -- one lock order (the activity, its deal, then the report totals).
                CREATE TRIGGER activities_next_insert AFTER INSERT ON pipeline.activities
                    REFERENCING NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_next_activities();
                CREATE TRIGGER activities_next_update AFTER UPDATE ON pipeline.activities
                    REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_next_activities();
                CREATE TRIGGER activities_next_delete AFTER DELETE ON pipeline.activities
                    REFERENCING OLD TABLE AS old_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_next_activities();

                -- What the rows must be, from the activities (of the tenants the caller sees): tests, the bench and the
                -- verify verb compare.
                CREATE FUNCTION pipeline.next_activities_recomputed()
                    RETURNS TABLE (tenant_id bigint, deal_id bigint, activity_id bigint, activity_type_id bigint, due_date date, due_time time)
                    LANGUAGE sql STABLE AS $$
                    SELECT DISTINCT ON (a.deal_id) a.tenant_id, a.deal_id, a.id, a.activity_type_id, a.due_date, a.due_time
                    FROM pipeline.activities a
                    WHERE a.deal_id IS NOT NULL AND a.done_at IS NULL
                    ORDER BY a.deal_id, a.due_date, a.due_time, a.id
                    $$;
                CREATE FUNCTION pipeline.next_activities_drift()
                    RETURNS TABLE (tenant_id bigint, deal_id bigint, kept_activity_id bigint, next_activity_id bigint)
                    LANGUAGE sql STABLE AS $$
                    SELECT coalesce(k.tenant_id, r.tenant_id), coalesce(k.deal_id, r.deal_id), k.activity_id, r.activity_id
                    FROM pipeline.next_activities k
                    FULL JOIN pipeline.next_activities_recomputed() r ON r.tenant_id = k.tenant_id AND r.deal_id = k.deal_id
                    WHERE (k.activity_id, k.activity_type_id, k.due_date, k.due_time)
                          IS DISTINCT FROM (r.activity_id, r.activity_type_id, r.due_date, r.due_time)
                    $$;
                CREATE FUNCTION pipeline.rebuild_next_activities() RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE repaired integer;
                BEGIN
                    SELECT count(*) INTO repaired FROM pipeline.next_activities_drift();
                    PERFORM pipeline.keep_next_activities_of(array_agg(DISTINCT deal_id)) FROM pipeline.next_activities_drift();
                    RETURN repaired;
                END $$;

                -- The awaiting replies (ADR 0028) had a drift check and no repair: the verify verb repairs both now.
                CREATE FUNCTION pipeline.rebuild_awaiting_replies() RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE repaired integer;
                BEGIN
                    SELECT count(*) INTO repaired FROM pipeline.awaiting_replies_drift();
                    DELETE FROM pipeline.awaiting_replies a USING pipeline.awaiting_replies_drift() x
                    WHERE a.tenant_id = x.tenant_id AND a.lead_id = x.lead_id AND x.recomputed IS NULL;
                    INSERT INTO pipeline.awaiting_replies (tenant_id, lead_id, since)
                    SELECT x.tenant_id, x.lead_id, x.recomputed FROM pipeline.awaiting_replies_drift() x WHERE x.recomputed IS NOT NULL
                    ON CONFLICT (tenant_id, lead_id) DO UPDATE SET since = EXCLUDED.since;
                    RETURN repaired;
                END $$;

                INSERT INTO pipeline.next_activities (tenant_id, deal_id, activity_id, activity_type_id, due_date, due_time)
                SELECT * FROM pipeline.next_activities_recomputed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS activities_next_insert ON pipeline.activities;
                DROP TRIGGER IF EXISTS activities_next_update ON pipeline.activities;
                DROP TRIGGER IF EXISTS activities_next_delete ON pipeline.activities;
                DROP FUNCTION IF EXISTS pipeline.rebuild_awaiting_replies();
                DROP FUNCTION IF EXISTS pipeline.keep_next_activities();
                DROP FUNCTION IF EXISTS pipeline.rebuild_next_activities();
                DROP FUNCTION IF EXISTS pipeline.next_activities_drift();
                DROP FUNCTION IF EXISTS pipeline.next_activities_recomputed();
                DROP FUNCTION IF EXISTS pipeline.keep_next_activities_of(bigint[]);
                DROP TABLE IF EXISTS pipeline.next_activities;
                """);
        }
    }
}
