using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>
/// Fans WhatsApp events out to every Host instance's open screens: a webhook lands on one instance, which NOTIFYs a
/// channel all instances LISTEN to (as the board does).
/// </summary>
internal sealed class ChatRelay(NpgsqlDataSource dataSource)
{
    public const string Channel = "whatsapp_live";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>pg_notify refuses payloads of 8,000 bytes and more; the relay stays well under.</summary>
    public const int MaxPayloadBytes = 7_000;

    /// <summary>How much of a long message's text travels in the notification (the screen fetches the whole message).</summary>
    public const int CutTextAt = 500;

    /// <summary>The event as JSON, never larger than <see cref="MaxPayloadBytes"/>: a long text is cut and a big QR left out.</summary>
    internal static string Bounded(ChatEvent e)
    {
        var json = JsonSerializer.Serialize(e, Json);
        if (System.Text.Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes)
            return json;
        var cut = e with
        {
            Message = e.Message is { Text.Length: > CutTextAt } m ? m with { Text = m.Text[..CutTextAt] } : e.Message,
            QrCode = null,
            Partial = true,
        };
        json = JsonSerializer.Serialize(cut, Json);
        // Whatever else made it big (it cannot be the text now): the screen is told only that something happened.
        return System.Text.Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes ? json : JsonSerializer.Serialize(cut with { Message = null }, Json);
    }

    public Task MessageAsync(long tenantId, string remoteJid, string? phone, GatewayMessage message, CancellationToken ct) =>
        NotifyAsync(new ChatEvent("messages.upsert", tenantId, remoteJid, phone, message, null, null, null), ct);

    public Task QrAsync(long tenantId, string? qr, CancellationToken ct) =>
        NotifyAsync(new ChatEvent("qrcode.updated", tenantId, null, null, null, qr, null, null), ct);

    /// <summary>A connection change as the relay sends it (<see cref="RelayConnectionChanged"/> claims and sends it in one statement).</summary>
    internal static string Connection(long tenantId, bool connected, string? phone) =>
        Bounded(new ChatEvent("connection.update", tenantId, null, null, null, null, connected, phone));

    private async Task NotifyAsync(ChatEvent e, CancellationToken ct)
    {
        await using var notify = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Channel });
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Bounded(e) });
        await notify.ExecuteNonQueryAsync(ct);
    }
}
