using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Architecture.Tests;

/// <summary>A module's EF Core model, built the way the module builds it, without contacting a database.</summary>
internal static class ModuleModels
{
    /// <summary>Every table and view the module's DbContext maps, with its schema.</summary>
    public static IReadOnlyList<(string Entity, string Name, string? Schema)> MappedTablesOf(Module module)
    {
        using var db = DbContextOf(module);
        var model = db.GetService<IDesignTimeModel>().Model;
        return model.GetEntityTypes()
            .SelectMany(e => new[]
            {
                (e.DisplayName(), Name: e.GetTableName(), Schema: e.GetSchema()),
                (e.DisplayName(), Name: e.GetViewName(), Schema: e.GetViewSchema()),
            })
            .Where(t => t.Name is not null)
            .Select(t => (t.Item1, t.Name!, t.Schema))
            .ToList();
    }

    /// <summary>Through the module's design-time factory (as `dotnet ef` does), else with the shared database setup.</summary>
    private static DbContext DbContextOf(Module module)
    {
        var dbType = module.Descriptor.DbContextType;
        var factoryInterface = typeof(IDesignTimeDbContextFactory<>).MakeGenericType(dbType);
        var factoryType = module.Assembly.GetTypes().SingleOrDefault(t => !t.IsAbstract && factoryInterface.IsAssignableFrom(t));
        if (factoryType is not null)
        {
            var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
            return (DbContext)factoryInterface.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!
                .Invoke(factory, [Array.Empty<string>()])!;
        }

        var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(dbType))!;
        options.UseModuleDatabase("Host=localhost;Database=architecture_tests", module.Descriptor.Schema);
        return (DbContext)Activator.CreateInstance(
            dbType, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, binder: null, [options.Options], culture: null)!;
    }
}
