using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline;

/// <summary>Pipeline: leads, deals on the Kanban board, notes, the members projection and the live board feed.</summary>
public static class PipelineModule
{
    /// <summary>The module as the Host composes it (endpoints, consumers, migrations).</summary>
    public static ModuleDescriptor Descriptor { get; } =
        new("Pipeline", PipelineDb.SchemaName, typeof(PipelineModule).Assembly, typeof(PipelineDb));

    public static Assembly Assembly => Descriptor.Assembly;

    public static IServiceCollection AddPipelineModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Descriptor);
        services.AddModuleDbContext<PipelineDb>(PipelineDb.SchemaName);
        services.AddScoped<Access>();
        services.AddScoped<Members.Team>();
        services.AddScoped<Deals.ColumnOrdering>();
        services.AddSingleton<Deals.DealMoves>();
        services.AddSingleton<Board.BoardQuery>();
        services.AddSingleton<Activities.CompanyCalendar>();
        services.AddScoped<Exports.ExportFile>();
        services.AddSingleton<ITenantDataExport, PipelineData>();
        services.AddScoped<Activities.ActivityWrites>();
        services.AddScoped<Activities.CalendarAddresses>();
        services.AddSingleton<Activities.DailyDigests>();
        services.AddSingleton<Activities.DigestMail>();
        services.AddSingleton<Activities.CalendarTokens>();
        services.AddHostedService<Activities.DailyDigestJob>();
        services.AddSingleton<Imports.ImportSignal>();
        services.AddHostedService<Imports.ImportRunner>();
        services.AddOptions<Board.PipelineOptions>().Bind(configuration.GetSection(Board.PipelineOptions.Section))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Pipeline:TimeZone is not a known time zone.").ValidateOnStart();
        services.AddSingleton<WorkshopCrm.Shared.Http.LiveFeed<Live.BoardEvent>>();
        services.AddHostedService<Live.BoardListener>();
        services.AddHostedService<Reports.ReportTimeZone>(); // after the Host's migrations: the reports' totals count its days
        services.AddSingleton<IConsistencyCheck, Board.StageTotalsCheck>();
        services.AddSingleton<IConsistencyCheck, Reports.ReportTotalsCheck>();
        services.AddSingleton<IConsistencyCheck, Board.CardStateCheck>();
        services.AddSingleton<IDemoSeeder, Demo.PipelineDemoSeeder>(); // after Identity's: its users must be members first
        return services;
    }
}
