using System.Reflection;

namespace WorkshopCrm.Shared.Modules;

/// <summary>What the Host needs to know of a module: its name, schema, assembly and DbContext type.</summary>
public sealed record ModuleDescriptor(string Name, string Schema, Assembly Assembly, Type DbContextType);
