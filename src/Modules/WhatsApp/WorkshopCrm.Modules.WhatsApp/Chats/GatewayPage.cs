using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Modules.WhatsApp.Live;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

/// <summary>A page of a list fetched from the gateway, which does not count: <c>hasMore</c> says whether another page exists.</summary>
internal sealed record GatewayPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, bool HasMore);
