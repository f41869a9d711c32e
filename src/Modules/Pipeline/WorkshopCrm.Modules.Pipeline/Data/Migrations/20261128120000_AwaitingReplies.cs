using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkshopCrm.Modules.Pipeline.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// The leads waiting for our WhatsApp reply, kept as state (ADR 0028, issue 18): one row per lead whose phone's
    /// conversation last heard from the customer, written by row triggers on pipeline.whatsapp_conversations (a message in
    /// or out) and on pipeline.leads (a lead created with, or changed to, a phone with such a conversation), so the board
    /// probes one small table by the card's lead instead of the lead's phone and then its conversation for every card.
    /// </summary>
    internal partial class AwaitingReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE pipeline.awaiting_replies (
                    tenant_id bigint NOT NULL,
                    lead_id bigint NOT NULL,
                    since timestamptz NOT NULL,
                    CONSTRAINT awaiting_replies_pkey PRIMARY KEY (tenant_id, lead_id),
                    CONSTRAINT awaiting_replies_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES pipeline.leads (id) ON DELETE CASCADE
                );
                CREATE INDEX awaiting_replies_lead_id_index ON pipeline.awaiting_replies (lead_id);

                -- A message in or out: the leads with that phone wait since its last message in, or no longer wait.
                CREATE FUNCTION pipeline.keep_awaiting_replies_of_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.last_in_at IS NOT NULL AND (NEW.last_out_at IS NULL OR NEW.last_in_at > NEW.last_out_at) THEN
                        INSERT INTO pipeline.awaiting_replies (tenant_id, lead_id, since)
                        SELECT l.tenant_id, l.id, NEW.last_in_at FROM pipeline.leads l
                        WHERE l.tenant_id = NEW.tenant_id AND l.phone_digits = NEW.phone
                        ON CONFLICT (tenant_id, lead_id) DO UPDATE SET since = EXCLUDED.since;
                    ELSE
                        DELETE FROM pipeline.awaiting_replies a USING pipeline.leads l
                        WHERE l.tenant_id = NEW.tenant_id AND l.phone_digits = NEW.phone AND a.tenant_id = l.tenant_id AND a.lead_id = l.id;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER whatsapp_conversations_awaiting_replies AFTER INSERT OR UPDATE ON pipeline.whatsapp_conversations
                    FOR EACH ROW EXECUTE FUNCTION pipeline.keep_awaiting_replies_of_conversation();

                -- A lead created with a phone, or whose phone changed (or was erased): it waits as its phone's conversation does.
                CREATE FUNCTION pipeline.keep_awaiting_replies_of_lead() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        DELETE FROM pipeline.awaiting_replies WHERE tenant_id = NEW.tenant_id AND lead_id = NEW.id;
                    END IF;
                    INSERT INTO pipeline.awaiting_replies (tenant_id, lead_id, since)
                    SELECT NEW.tenant_id, NEW.id, w.last_in_at FROM pipeline.whatsapp_conversations w
                    WHERE w.tenant_id = NEW.tenant_id AND w.phone = NEW.phone_digits
                      AND w.last_in_at IS NOT NULL AND (w.last_out_at IS NULL OR w.last_in_at > w.last_out_at);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER leads_awaiting_replies_insert AFTER INSERT ON pipeline.leads
                    FOR EACH ROW WHEN (NEW.phone_digits IS NOT NULL) EXECUTE FUNCTION pipeline.keep_awaiting_replies_of_lead();
                CREATE TRIGGER leads_awaiting_replies_update AFTER UPDATE ON pipeline.leads
                    FOR EACH ROW WHEN (NEW.phone_digits IS DISTINCT FROM OLD.phone_digits) EXECUTE FUNCTION pipeline.keep_awaiting_replies_of_lead();

                -- What the rows must be, from the conversations and the leads' phones: tests and the bench compare.
                CREATE FUNCTION pipeline.awaiting_replies_drift() RETURNS TABLE (tenant_id bigint, lead_id bigint, kept timestamptz, recomputed timestamptz)
                    LANGUAGE sql STABLE AS $$
                    SELECT coalesce(k.tenant_id, r.tenant_id), coalesce(k.lead_id, r.lead_id), k.since, r.since
                    FROM pipeline.awaiting_replies k
                    FULL JOIN (
                        SELECT l.tenant_id, l.id AS lead_id, w.last_in_at AS since
                        FROM pipeline.leads l
                        JOIN pipeline.whatsapp_conversations w ON w.tenant_id = l.tenant_id AND w.phone = l.phone_digits
                        WHERE w.last_in_at IS NOT NULL AND (w.last_out_at IS NULL OR w.last_in_at > w.last_out_at)
                    ) r ON r.tenant_id = k.tenant_id AND r.lead_id = k.lead_id
                    WHERE k.since IS DISTINCT FROM r.since
                    $$;

                INSERT INTO pipeline.awaiting_replies (tenant_id, lead_id, since)
                SELECT l.tenant_id, l.id, w.last_in_at
                FROM pipeline.leads l
                JOIN pipeline.whatsapp_conversations w ON w.tenant_id = l.tenant_id AND w.phone = l.phone_digits
                WHERE w.last_in_at IS NOT NULL AND (w.last_out_at IS NULL OR w.last_in_at > w.last_out_at);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS leads_awaiting_replies_insert ON pipeline.leads;
                DROP TRIGGER IF EXISTS leads_awaiting_replies_update ON pipeline.leads;
                DROP TRIGGER IF EXISTS whatsapp_conversations_awaiting_replies ON pipeline.whatsapp_conversations;
                DROP FUNCTION IF EXISTS pipeline.keep_awaiting_replies_of_lead();
                DROP FUNCTION IF EXISTS pipeline.keep_awaiting_replies_of_conversation();
                DROP FUNCTION IF EXISTS pipeline.awaiting_replies_drift();
                DROP TABLE IF EXISTS pipeline.awaiting_replies;
                """);
        }
    }
}
