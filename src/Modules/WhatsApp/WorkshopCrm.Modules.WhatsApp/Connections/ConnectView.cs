namespace WorkshopCrm.Modules.WhatsApp.Connections;

internal sealed record ConnectView(string Status, string? QrCode, string? PairingCode, string? PhoneNumber);
