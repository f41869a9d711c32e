namespace WorkshopCrm.Shared.Messaging;

/// <summary>One module's outbox: the schema it lives in and the NOTIFY channel its trigger signals.</summary>
public sealed record OutboxTable(string Schema)
{
    public string QualifiedName => $"\"{Schema}\".outbox_messages";
    public string InboxQualifiedName => $"\"{Schema}\".inbox_messages";
    public string NotifyChannel => $"outbox_{Schema}";
}
