using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FastEndpoints;

namespace WorkshopCrm.Architecture.Tests;

/// <summary>
/// The house style of docs/modules.md that a compiler does not check: one use case per file, and names that do not
/// repeat their namespace (issue 14). Modules are found as in <see cref="ModuleBoundaries"/>.
/// </summary>
public sealed partial class HouseStyle
{
    [Fact]
    public void A_source_file_of_a_module_holds_at_most_one_endpoint()
    {
        var files = Solution.ModuleProjectsInSourceTree()
            .SelectMany(project => Directory.EnumerateFiles(Solution.ProjectFolder(project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var endpointsByFile = files.ToDictionary(file => file, file => EndpointDeclaration().Count(File.ReadAllText(file)));
        var endpointTypes = Solution.ModuleAssemblies.SelectMany(a => a.GetTypes())
            .Count(t => !t.IsAbstract && typeof(IEndpoint).IsAssignableFrom(t));

        // The text search finds every endpoint the compiler built, so it cannot pass by missing a declaration it does not know.
        Assert.True(endpointTypes > 0, "No endpoint in any module.");
        Assert.Equal(endpointTypes, endpointsByFile.Values.Sum());
        var crowded = endpointsByFile.Where(f => f.Value > 1).Select(f => $"{Path.GetFileName(f.Key)}: {f.Value} endpoints").ToList();
        Assert.True(crowded.Count == 0, "One use case per file (docs/modules.md): " + string.Join("; ", crowded));
    }

    [Fact]
    public void No_type_of_a_module_or_its_contracts_is_named_like_its_namespace()
    {
        var types = Solution.ModuleAssemblies.Concat(Solution.ContractsAssemblies)
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.Namespace is not null && !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .ToList();

        Assert.NotEmpty(types);
        var clashing = types.Where(t => t.Namespace!.Split('.').Contains(t.Name)).Select(t => t.FullName).ToList();
        Assert.True(clashing.Count == 0, "A type named like its namespace reads as Invites.Invites: " + string.Join(", ", clashing));
    }

    [Fact]
    public void No_setting_is_bounded_by_a_RangeAttribute_that_parses_its_bounds_when_first_used()
    {
        // RangeAttribute(typeof(T), "min", "max") converts its bounds in place on its first validation, and
        // DataAnnotations shares the instance: two validations at once made one fail (dotnet/runtime#1143; seen when
        // two test Hosts of one process started together). Durations use TimeSpanRange; numbers Range(int|double).
        var properties = Solution.Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            .ToList();
        var bounded = properties.Where(p => p.IsDefined(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), false)
            || p.IsDefined(typeof(Shared.TimeSpanRangeAttribute), false)).ToList();

        Assert.NotEmpty(bounded);
        var racy = bounded.SelectMany(p => p.GetCustomAttributes<System.ComponentModel.DataAnnotations.RangeAttribute>()
                .Where(r => r.OperandType != typeof(int) && r.OperandType != typeof(double))
                .Select(_ => $"{p.DeclaringType!.Name}.{p.Name}"))
            .ToList();
        Assert.True(racy.Count == 0, "Use [TimeSpanRange] (or Range with numbers): " + string.Join(", ", racy));
    }

    /// <summary>A class whose base list starts with a FastEndpoints endpoint base (the declaration may span lines).</summary>
    [GeneratedRegex(@"\bclass\s+\w+[^{;]*?:\s*(?:Endpoint|EndpointWithoutRequest)\b", RegexOptions.Singleline)]
    private static partial Regex EndpointDeclaration();
}
