namespace WorkshopCrm.Shared.Messaging;

/// <summary>One module's message tables, in its schema: the outbox it publishes through, the inbox its consumers claim
/// messages in, and the NOTIFY channel the outbox trigger signals.</summary>
public sealed record ModuleMessageTables(string Schema)
{
    public string Outbox => $"\"{Schema}\".outbox_messages";
    public string Inbox => $"\"{Schema}\".inbox_messages";
    public string NotifyChannel => $"outbox_{Schema}";
}
