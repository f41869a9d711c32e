using System.Reflection;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Architecture.Tests;

/// <summary>A module as the Host composes it: its assembly and the static entry point exposing its descriptor.</summary>
internal sealed record Module(Assembly Assembly, Type EntryPoint, ModuleDescriptor Descriptor)
{
    /// <summary>WorkshopCrm.Modules.&lt;Name&gt;: the assembly's name and the prefix of every namespace in it.</summary>
    public string Namespace => Solution.NameOf(Assembly);

    public static Module Of(Assembly assembly)
    {
        var entryPoints = assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed) // static classes
            .Select(t => (Type: t, Descriptor: t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)))
            .Where(e => e.Descriptor?.PropertyType == typeof(ModuleDescriptor))
            .ToList();
        if (entryPoints.Count != 1)
        {
            throw new InvalidOperationException(
                $"{Solution.NameOf(assembly)} must expose exactly one public static class <Name>Module with " +
                $"'public static ModuleDescriptor Descriptor'; found {entryPoints.Count}.");
        }

        var (entryPoint, property) = entryPoints[0];
        return new Module(assembly, entryPoint, (ModuleDescriptor)property!.GetValue(null)!);
    }

    public override string ToString() => Namespace;
}
