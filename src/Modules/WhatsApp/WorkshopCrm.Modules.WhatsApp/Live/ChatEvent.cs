using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>
/// Something an open WhatsApp screen should show: a message, a new QR, a connection change. <see cref="Partial"/>: the
/// relay cut the message's text (or left the QR out) to fit a notification; the screen reads the rest from the gateway.
/// </summary>
internal sealed record ChatEvent(
    string Type, long TenantId, string? RemoteJid, string? Phone, GatewayMessage? Message, string? QrCode, bool? Connected, string? PhoneNumber,
    bool Partial = false);
