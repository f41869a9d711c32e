using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// An activity's change keeps its deal's next activity by a row trigger instead of a statement trigger (ADR 0032,
    /// issue 16). Completing, reopening or rescheduling one activity is the hot path (the agenda's checkbox): the
    /// statement trigger read both transition tables and sorted the deal ids for a change of one row, about half a
    /// millisecond of the completion's UPDATE; the row trigger is not even called unless the deal, type, day, time or
    /// being done changed (its WHEN), and keeps that one deal with scalar statements. Inserts and deletes keep the
    /// statement triggers: imports insert and cascades delete thousands of rows at once, where one sorted pass is cheaper
    /// and keeps one lock order. No UPDATE of the app changes many activities' deal, day or state at once (a hand-over
    /// changes only the owner, an anonymisation only the texts: neither fires this trigger).
    /// </summary>
    internal partial class NextActivityRowTrigger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- keep_next_activities_of for one deal of a tenant: the same lock on the deal's row first (writers of one
                -- deal take turns; each statement after it sees what the writer before committed), then its next open
                -- activity written, or its row removed when it has none.
                CREATE FUNCTION pipeline.keep_next_activity_of(tenant bigint, deal bigint) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE next record;
                BEGIN
                    PERFORM 1 FROM pipeline.deals d WHERE d.id = deal FOR NO KEY UPDATE;
                    IF NOT FOUND THEN
                        RETURN; -- deleted: its row went with it
                    END IF;
                    SELECT a.id, a.activity_type_id, a.due_date, a.due_time INTO next FROM pipeline.activities a
                    WHERE a.deal_id = deal AND a.done_at IS NULL
                    ORDER BY a.due_date, a.due_time, a.id
                    LIMIT 1;
                    IF next.id IS NULL THEN
                        DELETE FROM pipeline.next_activities k WHERE k.tenant_id = tenant AND k.deal_id = deal;
                    ELSE
                        INSERT INTO pipeline.next_activities AS k (tenant_id, deal_id, activity_id, activity_type_id, due_date, due_time)
                        VALUES (tenant, deal, next.id, next.activity_type_id, next.due_date, next.due_time)
                        ON CONFLICT (tenant_id, deal_id) DO UPDATE
                            SET activity_id = EXCLUDED.activity_id, activity_type_id = EXCLUDED.activity_type_id,
                                due_date = EXCLUDED.due_date, due_time = EXCLUDED.due_time
                            WHERE (k.activity_id, k.activity_type_id, k.due_date, k.due_time)
                                  IS DISTINCT FROM (EXCLUDED.activity_id, EXCLUDED.activity_type_id, EXCLUDED.due_date, EXCLUDED.due_time);
                    END IF;
                END $$;

                -- An activity moved from one deal to another keeps both, locked in deal id order (keep_next_activities_of).
                CREATE FUNCTION pipeline.keep_next_activity() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.deal_id IS NOT NULL AND NEW.deal_id IS NOT NULL AND OLD.deal_id <> NEW.deal_id THEN
                        PERFORM pipeline.keep_next_activities_of(ARRAY[OLD.deal_id, NEW.deal_id]);
                    ELSE
                        PERFORM pipeline.keep_next_activity_of(NEW.tenant_id, coalesce(NEW.deal_id, OLD.deal_id));
                    END IF;
                    RETURN NULL;
                END $$;

                -- A row trigger fires before the statement triggers of the same event (activities_report_totals_update):
                -- the lock order stays the activity, its deal, then the report totals.
                DROP TRIGGER activities_next_update ON pipeline.activities;
                CREATE TRIGGER activities_next_update
                    AFTER UPDATE OF deal_id, activity_type_id, due_date, due_time, done_at ON pipeline.activities
                    FOR EACH ROW
                    WHEN ((OLD.deal_id IS NOT NULL OR NEW.deal_id IS NOT NULL)
                          AND (OLD.deal_id, OLD.activity_type_id, OLD.due_date, OLD.due_time, OLD.done_at IS NULL)
                              IS DISTINCT FROM (NEW.deal_id, NEW.activity_type_id, NEW.due_date, NEW.due_time, NEW.done_at IS NULL))
                    EXECUTE FUNCTION pipeline.keep_next_activity();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS activities_next_update ON pipeline.activities;
                CREATE TRIGGER activities_next_update AFTER UPDATE ON pipeline.activities
                    REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION pipeline.keep_next_activities();
                DROP FUNCTION IF EXISTS pipeline.keep_next_activity();
                DROP FUNCTION IF EXISTS pipeline.keep_next_activity_of(bigint, bigint);
                """);
        }
    }
}
