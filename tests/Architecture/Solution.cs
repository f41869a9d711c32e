using System.Reflection;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Architecture.Tests;

/// <summary>
/// The assemblies under test, found from the Host rather than listed by hand, so that a module added to the Host
/// (WorkshopCrm.Modules.&lt;Name&gt; + WorkshopCrm.Contracts.&lt;Name&gt;) is checked by every rule without editing them.
/// </summary>
internal static class Solution
{
    public const string HostNamespace = "WorkshopCrm.Host";
    public const string SharedNamespace = "WorkshopCrm.Shared";
    public const string ModulesNamespace = "WorkshopCrm.Modules";
    public const string ContractsNamespace = "WorkshopCrm.Contracts";

    public static Assembly Host { get; } = Assembly.Load(HostNamespace);

    public static Assembly Shared { get; } = typeof(ModuleDescriptor).Assembly;

    /// <summary>Every WorkshopCrm assembly the Host is built from: its references, followed recursively.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } = WorkshopCrmClosureOf(Host);

    public static IReadOnlyList<Assembly> ModuleAssemblies { get; } = NamedUnder(ModulesNamespace);

    /// <summary>The contracts anything references, plus each module's own (loaded by name even if nothing uses it yet).</summary>
    public static IReadOnlyList<Assembly> ContractsAssemblies { get; } = NamedUnder(ContractsNamespace)
        .Concat(ModuleAssemblies.Select(ContractsOf).OfType<Assembly>())
        .DistinctBy(NameOf)
        .ToList();

    private static readonly Lazy<IReadOnlyList<Module>> DescribedModules = new(() => ModuleAssemblies.Select(Module.Of).ToList());

    /// <summary>Each module with its descriptor; throws, naming the assembly, when a module lacks its entry point.</summary>
    public static IReadOnlyList<Module> Modules => DescribedModules.Value;

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>The repository's root: the folder of WorkshopCrm.sln, above the test's output folder.</summary>
    public static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WorkshopCrm.sln")))
            root = root.Parent;
        Assert.True(root is not null, $"No WorkshopCrm.sln above {AppContext.BaseDirectory}.");
        return root.FullName;
    }

    /// <summary>The folder of a module project (as <see cref="ModuleProjectsInSourceTree"/> names it).</summary>
    public static string ProjectFolder(string project) =>
        Path.Combine(Root(), "src", "Modules", project[(ModulesNamespace.Length + 1)..], project);

    /// <summary>The module projects in the source tree: src/Modules/&lt;Name&gt;/WorkshopCrm.Modules.&lt;Name&gt;/.</summary>
    public static IReadOnlyList<string> ModuleProjectsInSourceTree()
    {
        return Directory.EnumerateDirectories(Path.Combine(Root(), "src", "Modules"))
            .SelectMany(module => Directory.EnumerateDirectories(module, ModulesNamespace + ".*"))
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Select(folder => Path.GetFileName(folder))
            .ToList();
    }

    /// <summary>WorkshopCrm.Contracts.&lt;Name&gt; for WorkshopCrm.Modules.&lt;Name&gt;, or null when there is none.</summary>
    public static Assembly? ContractsOf(Assembly module)
    {
        var name = ContractsNamespace + NameOf(module)[ModulesNamespace.Length..];
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static List<Assembly> NamedUnder(string prefix) =>
        Assemblies.Where(a => NameOf(a).StartsWith(prefix + ".", StringComparison.Ordinal)).ToList();

    private static List<Assembly> WorkshopCrmClosureOf(Assembly root)
    {
        var found = new Dictionary<string, Assembly> { [NameOf(root)] = root };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            var references = assembly.GetReferencedAssemblies()
                .Where(r => r.Name!.StartsWith("WorkshopCrm.", StringComparison.Ordinal) && !found.ContainsKey(r.Name));
            foreach (var reference in references)
            {
                var loaded = Assembly.Load(reference);
                found.Add(reference.Name!, loaded);
                pending.Enqueue(loaded);
            }
        }

        return [.. found.Values];
    }
}
