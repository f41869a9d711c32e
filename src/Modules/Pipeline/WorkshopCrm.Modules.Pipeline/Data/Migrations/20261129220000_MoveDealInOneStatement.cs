using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WorkshopCrm.Modules.Pipeline.History;
using WorkshopCrm.Modules.Pipeline.Stages;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <summary>
    /// pipeline.move_deal: a card's move on the board as one statement (issue 15, ADR 0039). It takes the locks in the
    /// order ColumnOrdering documents (the target column shared, then the card's row), finds the neighbours among the
    /// cards the caller can see, places the card between them, updates it (the totals' triggers run as for any update),
    /// writes the stage change into the deal's history and tells open boards at the commit (pg_notify). It answers what
    /// happened: <c>moved</c>, <c>deal_missing</c>, <c>after_missing</c>, <c>before_missing</c>, or <c>column_full</c>
    /// (no room between the neighbours: nothing was written; the caller spreads the column out and moves again).
    /// The caller passes the rules' constants (the column's lock key, the gap, the board's channel) and the loss reason
    /// as it is to be stored. Runs as the caller: row-level security holds inside it.
    /// </summary>
    [DbContext(typeof(PipelineDb))]
    [Migration("20261129220000_MoveDealInOneStatement")]
    internal sealed class MoveDealInOneStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($$"""
            CREATE FUNCTION pipeline.move_deal(
                p_tenant bigint, p_deal bigint, p_stage bigint, p_after bigint, p_before bigint, p_loss_reason text,
                p_only_owner bigint, p_acting_user bigint, p_now timestamptz, p_column_lock bigint, p_gap integer, p_channel text)
            RETURNS text LANGUAGE plpgsql AS $$
            DECLARE
                v_from bigint;
                v_owner bigint;
                v_anchor bigint;
                v_anchor_id bigint;
                v_low bigint;
                v_high bigint;
                v_position bigint;
            BEGIN
                -- The column first, then the card: a renumbering holding the column alone may be waiting for that row.
                PERFORM pg_advisory_xact_lock_shared(p_column_lock);
                SELECT d.pipeline_stage_id, d.user_id INTO v_from, v_owner
                FROM pipeline.deals d WHERE d.id = p_deal AND d.tenant_id = p_tenant FOR UPDATE;
                IF NOT FOUND OR v_owner <> coalesce(p_only_owner, v_owner) THEN
                    RETURN 'deal_missing';
                END IF;

                -- The anchors among the cards the caller can see; a neighbour's position is all that is needed, so each
                -- lookup orders by position alone and stops at the first row of deals_kanban_order_index.
                IF p_after IS NOT NULL THEN
                    SELECT d.sort_order, d.id INTO v_anchor, v_anchor_id FROM pipeline.deals d
                    WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id = p_after AND d.id <> p_deal
                      AND d.user_id = coalesce(p_only_owner, d.user_id);
                    IF NOT FOUND THEN
                        RETURN 'after_missing';
                    END IF;
                    IF p_before IS NOT NULL AND NOT EXISTS (
                        SELECT FROM pipeline.deals d
                        WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id = p_before AND d.id <> p_deal
                          AND d.user_id = coalesce(p_only_owner, d.user_id)) THEN
                        RETURN 'before_missing';
                    END IF;
                    v_low := v_anchor;
                    SELECT d.sort_order INTO v_high FROM pipeline.deals d
                    WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id <> p_deal
                      AND d.sort_order >= v_anchor AND (d.sort_order > v_anchor OR d.id > v_anchor_id)
                    ORDER BY d.sort_order LIMIT 1;
                ELSIF p_before IS NOT NULL THEN
                    SELECT d.sort_order, d.id INTO v_anchor, v_anchor_id FROM pipeline.deals d
                    WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id = p_before AND d.id <> p_deal
                      AND d.user_id = coalesce(p_only_owner, d.user_id);
                    IF NOT FOUND THEN
                        RETURN 'before_missing';
                    END IF;
                    v_high := v_anchor;
                    SELECT d.sort_order INTO v_low FROM pipeline.deals d
                    WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id <> p_deal
                      AND d.sort_order <= v_anchor AND (d.sort_order < v_anchor OR d.id < v_anchor_id)
                    ORDER BY d.sort_order DESC LIMIT 1;
                ELSE
                    SELECT max(d.sort_order) INTO v_low FROM pipeline.deals d
                    WHERE d.tenant_id = p_tenant AND d.pipeline_stage_id = p_stage AND d.id <> p_deal;
                END IF;

                -- Halfway between the neighbours; past the end by a gap. Computed in bigint: a position that would leave
                -- the integer range is "no room" too, and the column is spread out.
                IF v_high IS NULL THEN
                    v_position := coalesce(v_low, 0) + p_gap;
                ELSIF v_low IS NULL THEN
                    v_position := v_high - p_gap;
                ELSIF v_high - v_low >= 2 THEN
                    v_position := v_low + (v_high - v_low) / 2;
                END IF;
                IF v_position IS NULL OR v_position NOT BETWEEN -2147483648 AND 2147483647 THEN
                    RETURN 'column_full';
                END IF;

                UPDATE pipeline.deals d SET
                    pipeline_stage_id = p_stage,
                    sort_order = v_position,
                    loss_reason = p_loss_reason,
                    updated_at = p_now,
                    stage_entered_at = CASE WHEN v_from = p_stage THEN d.stage_entered_at ELSE p_now END,
                    -- the furthest stage reached (ADR 0021): Lost is no step
                    furthest_stage_id = CASE WHEN v_from = p_stage OR p_stage = {{PipelineStage.Lost}} THEN d.furthest_stage_id
                                             ELSE greatest(d.furthest_stage_id, p_stage) END
                WHERE d.id = p_deal AND d.tenant_id = p_tenant;

                IF v_from <> p_stage THEN
                    INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, from_stage_id, to_stage_id, loss_reason)
                    VALUES (p_tenant, p_deal, {{DealEventKind.StageChanged}}, p_acting_user, p_now, v_from, p_stage, p_loss_reason);
                END IF;

                -- BoardEvent.DealMoved, as every instance's listener reads it; delivered at the commit, never without it.
                PERFORM pg_notify(p_channel, json_build_object(
                    'type', 'deal.moved', 'tenantId', p_tenant, 'dealId', p_deal, 'ownerId', v_owner,
                    'fromStageId', v_from, 'stageId', p_stage)::text);
                RETURN 'moved';
            END $$;
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(
            "DROP FUNCTION IF EXISTS pipeline.move_deal(bigint, bigint, bigint, bigint, bigint, text, bigint, bigint, timestamptz, bigint, integer, text);");
    }
}
