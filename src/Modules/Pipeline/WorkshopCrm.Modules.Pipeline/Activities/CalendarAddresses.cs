using FastEndpoints;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Activities;

internal sealed record CalendarAddress(string Url);

/// <summary>The caller's calendar address, made on first ask (version 1) or by a rotation (the next version).</summary>
internal sealed class CalendarAddresses(PipelineDb db, ICurrentUser caller, Team team, CalendarTokens tokens, IOptions<AppOptions> app)
{
    public async Task<CalendarAddress> CurrentAsync(bool rotate, CancellationToken ct)
    {
        await team.EnsureCallerAsync(ct);
        var (userId, tenantId) = (caller.UserId, caller.TenantId);
        var version = rotate
            ? await db.Database.SqlQuery<int>(
                $"""
                 INSERT INTO pipeline.calendar_feeds (user_id, tenant_id, version, created_at, updated_at)
                 VALUES ({userId}, {tenantId}, 1, now(), now())
                 ON CONFLICT (user_id) DO UPDATE SET version = calendar_feeds.version + 1, updated_at = now()
                 RETURNING version AS "Value"
                 """).ToListAsync(ct)
            : await db.Database.SqlQuery<int>(
                $"""
                 INSERT INTO pipeline.calendar_feeds (user_id, tenant_id, version, created_at, updated_at)
                 VALUES ({userId}, {tenantId}, 1, now(), now())
                 ON CONFLICT (user_id) DO UPDATE SET version = calendar_feeds.version
                 RETURNING version AS "Value"
                 """).ToListAsync(ct);
        var token = tokens.For(new CalendarFeedKey(caller.TenantId, caller.UserId, version[0]));
        return new CalendarAddress(app.Value.LinkTo($"api/calendar/{token}.ics"));
    }
}
