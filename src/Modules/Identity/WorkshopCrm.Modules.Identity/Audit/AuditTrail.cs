using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Identity.Audit;

/// <summary>
/// Appends to the company's audit log in the caller's unit of work (saved with it): Identity's own actions in their
/// transaction, other modules' through <see cref="KeepAuditRecorded"/>. The user's name is looked up now, so the log
/// says who it was at the time.
/// </summary>
internal static class AuditTrail
{
    public static async Task AppendAsync(
        IdentityDb db, long? userId, string action, string subject, string? address, DateTimeOffset at, CancellationToken ct)
    {
        var actionId = AuditAction.IdOf(action)
            ?? throw new InvalidOperationException($"Unknown audit action '{action}': add it to identity.audit_actions first.");
        var userName = userId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.Name).SingleOrDefaultAsync(ct) : null;
        db.AuditLog.Add(new AuditEntry
        {
            UserId = userId,
            UserName = userName,
            AuditActionId = actionId,
            Subject = Fit(subject, AuditEntry.SubjectMaxLength) ?? "",
            IpAddress = Fit(address, ClientAddress.MaxLength),
            OccurredAt = at,
        });
    }

    private static string? Fit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

/// <summary>How Identity's own entries name what they were about.</summary>
internal static class Subjects
{
    /// <summary>"user #12 (Ana Lima)": a colleague's name is what the owner recognises; the id stays true after a rename.</summary>
    public static string User(Users.User user) => $"user #{user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({user.Name})";
}
