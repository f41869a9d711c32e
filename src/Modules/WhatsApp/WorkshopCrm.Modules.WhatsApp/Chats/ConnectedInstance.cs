using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

internal static class ConnectedInstance
{
    public static Task<string?> NameAsync(WhatsAppDb db, CancellationToken ct) =>
        db.Connections.AsNoTracking().Where(c => c.WhatsappConnectionStatusId == Connections.ConnectionStatus.Connected)
            .Select(c => c.InstanceName).SingleOrDefaultAsync(ct);

    public static ProblemHttpResult NotConnected => Problems.Conflict("whatsapp.not_connected", "WhatsApp is not connected; a Business Owner connects it.");
}
