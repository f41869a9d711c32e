using Microsoft.EntityFrameworkCore.Migrations;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>Schema pieces EF's model cannot express, added to a module's first migration.</summary>
public static class OutboxMigrations
{
    /// <summary>
    /// A statement-level trigger that NOTIFYs the module's dispatcher when rows land in its outbox; PostgreSQL sends
    /// the notification at commit, so the dispatcher wakes within milliseconds of the change becoming visible.
    /// </summary>
    public static void CreateOutboxNotifyTrigger(this MigrationBuilder migrationBuilder, string schema) =>
        migrationBuilder.Sql(NotifyTriggerSql(schema));

    /// <summary>The SQL of <see cref="CreateOutboxNotifyTrigger"/> (for schemas made without migrations, e.g. in tests).</summary>
    public static string NotifyTriggerSql(string schema)
    {
        var table = new ModuleMessageTables(schema);
        return $"""
            CREATE FUNCTION "{schema}".notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('{table.NotifyChannel}', '');
              RETURN NULL;
            END $$;
            CREATE TRIGGER outbox_messages_notify AFTER INSERT ON {table.Outbox}
              FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".notify_outbox();
            """;
    }

    public static void DropOutboxNotifyTrigger(this MigrationBuilder migrationBuilder, string schema) =>
        migrationBuilder.Sql($"""
            DROP TRIGGER IF EXISTS outbox_messages_notify ON "{schema}".outbox_messages;
            DROP FUNCTION IF EXISTS "{schema}".notify_outbox();
            """);
}
