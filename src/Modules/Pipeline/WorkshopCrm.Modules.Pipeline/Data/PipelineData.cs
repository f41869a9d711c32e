using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline.Data;

/// <summary>
/// Pipeline's tables in the company's ZIP (ADR 0023): the stages and other lookups, and the company's members, leads,
/// deals, notes, activities, deal history and WhatsApp conversation times. SQL by hand: each is streamed straight into
/// its CSV, with the columns named one by one so that nothing new leaves unseen.
/// </summary>
internal sealed class PipelineData : ITenantDataExport
{
    public string Schema => "pipeline";

    public IReadOnlyList<ExportedTable> Tables { get; } =
    [
        new("pipeline_stages", "SELECT id, name, sort_order, is_terminal FROM pipeline.pipeline_stages ORDER BY sort_order"),
        new("activity_types", "SELECT id, name, sort_order FROM pipeline.activity_types ORDER BY sort_order"),
        new("deal_event_kinds", "SELECT id, name FROM pipeline.deal_event_kinds ORDER BY id"),
        new("members", "SELECT user_id, name, email, role_id, is_active FROM pipeline.members WHERE tenant_id = $1 ORDER BY user_id"),
        new("leads", "SELECT id, user_id, name, email, phone, created_at, updated_at FROM pipeline.leads WHERE tenant_id = $1 ORDER BY id"),
        new("deals",
            """
            SELECT id, lead_id, user_id, pipeline_stage_id, title, value, loss_reason, sort_order, stage_entered_at, furthest_stage_id,
                   created_at, updated_at
            FROM pipeline.deals WHERE tenant_id = $1 ORDER BY id
            """),
        new("deal_notes", "SELECT id, deal_id, user_id, body, created_at, updated_at FROM pipeline.deal_notes WHERE tenant_id = $1 ORDER BY id"),
        new("activities",
            """
            SELECT id, lead_id, deal_id, user_id, created_by, activity_type_id, subject, notes, due_date, due_time, duration_minutes,
                   done_at, done_by, outcome, created_at, updated_at
            FROM pipeline.activities WHERE tenant_id = $1 ORDER BY id
            """),
        new("deal_events",
            """
            SELECT id, deal_id, deal_event_kind_id, user_id, at, from_stage_id, to_stage_id, loss_reason, from_user_id, to_user_id,
                   from_value, to_value, from_title, to_title, note_id, activity_id, subject, start_of_history
            FROM pipeline.deal_events WHERE tenant_id = $1 ORDER BY id
            """),
        new("whatsapp_conversations",
            "SELECT phone, last_in_at, last_out_at FROM pipeline.whatsapp_conversations WHERE tenant_id = $1 ORDER BY phone"),
        new("import_statuses", "SELECT id, name FROM pipeline.import_statuses ORDER BY id"),
        new("imports",
            """
            SELECT id, user_id, with_deals, file_name, format, encoding, separator, size, total, processed, created, updated,
                   skipped, failed, import_status_id, failure_reason, created_at, started_at, finished_at
            FROM pipeline.imports WHERE tenant_id = $1 ORDER BY id
            """),
        new("import_rejections", "SELECT import_id, row, field, message, cells FROM pipeline.import_rejections WHERE tenant_id = $1 ORDER BY import_id, row"),
    ];

    public IReadOnlyDictionary<string, string> Withheld { get; } = new Dictionary<string, string>
    {
        ["stage_totals"] = "the board's column totals, computed from the deals (ADR 0019)",
        ["calendar_feeds"] = "the version of each person's secret calendar address",
        ["activity_digests"] = "when each morning e-mail went out: machinery, not the company's data",
        ["company_time_zone"] = "the calendar the report totals count days in: a setting of the installation, not the company's data",
        ["created_deal_totals"] = "report totals kept from the deals (ADR 0026): computed, not the company's data",
        ["closed_deal_totals"] = "report totals kept from the deals (ADR 0026): computed, not the company's data",
        ["done_activity_totals"] = "report totals kept from the activities (ADR 0026): computed, not the company's data",
        ["open_activity_totals"] = "report totals kept from the activities (ADR 0026): computed, not the company's data",
        ["awaiting_replies"] = "which leads wait for a WhatsApp reply, kept from the conversations' times and the leads' phones (ADR 0028)",
        ["next_activities"] = "each deal's next open activity, kept from the activities, which are exported (ADR 0032)",
        ["import_file_chunks"] = "the uploaded spreadsheets' bytes: the company has the files; their rows are in leads and deals",
    };
}
