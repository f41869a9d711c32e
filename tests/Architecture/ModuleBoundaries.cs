using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FastEndpoints;
using MassTransit;
using NetArchTest.Rules;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Architecture.Tests;

// The module boundaries of ARCHITECTURE.md ("Layout", "Module boundaries"), checked on the compiled assemblies.
//
// - The Host is the one composition root: it references every module project under src/Modules.
// - A module (WorkshopCrm.Modules.<Name>) declares its types in its own namespace and references no other module,
//   only Shared and contracts (WorkshopCrm.Contracts.*): another module's contracts are that module's only public face.
// - A contracts assembly depends on nothing but the base class library (System.*) and other contracts: no EF Core,
//   no FastEndpoints, no MassTransit, not even Shared. Its public types are sealed records or static classes.
// - Shared, the kernel under every module, depends on no module, no contracts and not the Host.
// - The Host is the only assembly that depends on the modules: no module depends on the Host.
// - A module's types are internal, except its static <Name>Module entry point and its FastEndpoints endpoints.
// - A module's DbContext maps tables only in the module's own schema, and no two modules share a schema.
// - Every MassTransit consumer in a module is idempotent: it derives from Shared's IdempotentConsumer<,> (or
//   IdempotentRelay<>, a notification claimed in the inbox in one statement).
//
// Modules and contracts are found from the Host's references (see Solution), so a new module is covered without
// editing these tests; and every rule first asserts that the set of types it checks is not empty, so that no rule
// passes by checking nothing.
public sealed class ModuleBoundaries
{
    [Fact]
    public void The_Host_composes_every_module_in_the_source_tree()
    {
        var projects = Solution.ModuleProjectsInSourceTree();
        var composed = Solution.Host.GetReferencedAssemblies().Select(r => r.Name);

        Assert.NotEmpty(projects);
        Assert.All(projects, project => Assert.Contains(project, composed));
    }

    [Fact]
    public void Every_module_has_one_static_entry_point_that_describes_it()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            Assert.Equal($"{Solution.ModulesNamespace}.{module.Descriptor.Name}", module.Namespace);
            Assert.Equal($"{module.Descriptor.Name}Module", module.EntryPoint.Name);
            Assert.Same(module.Assembly, module.Descriptor.Assembly);
            Assert.Same(module.Assembly, module.Descriptor.DbContextType.Assembly);
        });
    }

    [Fact]
    public void Every_module_has_its_own_contracts_assembly()
    {
        Assert.NotEmpty(Solution.ModuleAssemblies);
        Assert.All(Solution.ModuleAssemblies, module => Assert.NotNull(Solution.ContractsOf(module)));
    }

    [Fact]
    public void A_module_declares_its_types_in_its_own_namespace()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            Types.InAssembly(module.Assembly)
                .That().MeetCustomRule(new Reflected(t => IsWrittenByHand(t) && !t.IsNested)) // a nested type lives in its parent's namespace
                .NotEmpty($"{module}'s types")
                .Should().ResideInNamespaceMatching($@"^{Regex.Escape(module.Namespace)}(\.|$)") // not WorkshopCrm.Modules.<Name>Extra
                .GetResult()
                .AssertHolds($"{module} declares its types under {module.Namespace}");
        });
    }

    [Fact]
    public void A_module_references_no_other_module_except_its_contracts()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            // Type by type, against every other module (no pairs while there is one module: the check below covers it).
            Assert.All(Solution.Modules.Where(other => other != module), other =>
            {
                Types.InAssembly(module.Assembly).NotEmpty($"{module}'s types")
                    .ShouldNot().HaveDependencyOn(other.Namespace)
                    .GetResult()
                    .AssertHolds($"{module} does not depend on {other}");
            });

            // Assembly by assembly: of the solution's assemblies a module references Shared and contracts, nothing else.
            var references = module.Assembly.GetReferencedAssemblies().Select(r => r.Name!)
                .Where(name => name.StartsWith("WorkshopCrm.", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(references); // Shared, at least
            Assert.All(references, name => Assert.True(
                name == Solution.SharedNamespace || name.StartsWith(Solution.ContractsNamespace + ".", StringComparison.Ordinal),
                $"{module} references {name}: a module may reference only Shared and contracts."));
        });
    }

    [Fact]
    public void Contracts_depend_on_nothing_but_the_base_library_and_other_contracts()
    {
        Assert.NotEmpty(Solution.ContractsAssemblies);
        Assert.All(Solution.ContractsAssemblies, contracts =>
        {
            Types.InAssembly(contracts).NotEmpty($"{Solution.NameOf(contracts)}'s types")
                .Should().OnlyHaveDependenciesOn("System", Solution.ContractsNamespace)
                .GetResult()
                .AssertHolds($"{Solution.NameOf(contracts)} depends only on System.* and {Solution.ContractsNamespace}.*");
        });
    }

    [Fact]
    public void Every_public_type_of_a_contracts_assembly_is_sealed()
    {
        // Sealed records by declaration; static classes are abstract and sealed in IL, so they pass too.
        Assert.NotEmpty(Solution.ContractsAssemblies);
        Assert.All(Solution.ContractsAssemblies, contracts =>
        {
            Types.InAssembly(contracts)
                .That().ArePublic()
                .NotEmpty($"{Solution.NameOf(contracts)}'s public types")
                .Should().BeSealed()
                .GetResult()
                .AssertHolds($"{Solution.NameOf(contracts)}'s public types are sealed records or static classes");
        });
    }

    [Fact]
    public void Shared_depends_on_no_module_no_contracts_and_not_the_Host()
    {
        Types.InAssembly(Solution.Shared).NotEmpty("Shared's types")
            .ShouldNot().HaveDependencyOnAny(Solution.ModulesNamespace, Solution.ContractsNamespace, Solution.HostNamespace)
            .GetResult()
            .AssertHolds("Shared depends on no module, no contracts and not the Host");
    }

    [Fact]
    public void No_module_depends_on_the_Host()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            Types.InAssembly(module.Assembly).NotEmpty($"{module}'s types")
                .ShouldNot().HaveDependencyOn(Solution.HostNamespace)
                .GetResult()
                .AssertHolds($"{module} does not depend on the Host");
        });
    }

    [Fact]
    public void A_module_exposes_nothing_but_its_entry_point_and_its_endpoints()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            Types.InAssembly(module.Assembly)
                .That().MeetCustomRule(new Reflected(IsWrittenByHand))
                .And().MeetCustomRule(new Reflected(type => type != module.EntryPoint && !typeof(BaseEndpoint).IsAssignableFrom(type)))
                .NotEmpty($"{module}'s types other than its entry point and endpoints")
                .Should().MeetCustomRule(new Reflected(type => !type.IsVisible))
                .GetResult()
                .AssertHolds($"{module}'s types are internal, except {module.EntryPoint.Name} and its endpoints");
        });
    }

    [Fact]
    public void A_module_maps_tables_only_in_its_own_schema()
    {
        Assert.NotEmpty(Solution.Modules);
        Assert.Distinct(Solution.Modules.Select(module => module.Descriptor.Schema));
        Assert.All(Solution.Modules, module =>
        {
            var tables = ModuleModels.MappedTablesOf(module);
            var elsewhere = tables.Where(t => t.Schema != module.Descriptor.Schema).Select(t => $"{t.Entity} -> {t.Schema}.{t.Name}");

            Assert.NotEmpty(tables);
            Assert.True(!elsewhere.Any(), $"{module} maps tables outside schema '{module.Descriptor.Schema}': {string.Join(", ", elsewhere)}");
        });
    }

    [Fact]
    public void Every_consumer_in_a_module_is_idempotent_or_answers_a_question()
    {
        // Every type of every module is scanned (both asserted non-empty) and every consumer found is checked.
        Assert.NotEmpty(Solution.Modules);
        Assert.All(Solution.Modules, module =>
        {
            Types.InAssembly(module.Assembly).NotEmpty($"{module}'s types")
                .That().MeetCustomRule(new Reflected(IsConsumer))
                .Should().MeetCustomRule(new Reflected(t => DerivesFrom(t, typeof(IdempotentConsumer<,>)) || DerivesFrom(t, typeof(IdempotentRelay<>)) || DerivesFrom(t, typeof(RequestHandler<,>))))
                .GetResult()
                .AssertHolds($"{module}'s consumers derive from {typeof(IdempotentConsumer<,>).Name} or {typeof(IdempotentRelay<>).Name} (events) or {typeof(RequestHandler<,>).Name} (questions)");
        });
    }

    [Fact]
    public void Every_module_with_tenant_data_deletes_it_when_the_company_is_deleted()
    {
        // Identity publishes TenantDeleted and deletes its own rows in the same transaction (DeleteTenant);
        // every other module keeps tenant rows only as long as it consumes TenantDeleted (docs/modules.md).
        var withTenantData = Solution.Modules.Where(m => m.Assembly.GetTypes().Any(IsTenantScopedEntity)).ToList();

        Assert.NotEmpty(withTenantData);
        Assert.All(withTenantData.Where(m => m.Descriptor.Name != "Identity"), module => Assert.True(
            module.Assembly.GetTypes().Any(t => IsConsumer(t) && t.GetInterfaces().Contains(typeof(IConsumer<TenantDeleted>))),
            $"{module} keeps tenant data but has no consumer of {nameof(TenantDeleted)}: a deleted company would leave its rows behind."));
    }

    [Fact]
    public void Every_module_with_tenant_data_hands_it_over_in_the_companys_download()
    {
        // GET /api/tenant/export (ADR 0023) writes every module's ITenantDataExport; a module without one would be
        // missing from the ZIP a company downloads before it deletes itself.
        var withTenantData = Solution.Modules.Where(m => m.Assembly.GetTypes().Any(IsTenantScopedEntity)).ToList();

        Assert.NotEmpty(withTenantData);
        Assert.All(withTenantData, module => Assert.True(
            module.Assembly.GetTypes().Any(t => t is { IsClass: true, IsAbstract: false } && typeof(ITenantDataExport).IsAssignableFrom(t)),
            $"{module} keeps tenant data but has no {nameof(ITenantDataExport)}: the company's download would leave it out."));
    }

    private static bool IsTenantScopedEntity(Type type) =>
        type is { IsClass: true, IsAbstract: false } && typeof(ITenantScoped).IsAssignableFrom(type);

    /// <summary>Not made by the compiler (closures, collection expressions' hidden types and their nested types).</summary>
    private static bool IsWrittenByHand(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || t.Name.StartsWith('<'))
                return false;
        }

        return true;
    }

    private static bool IsConsumer(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>));

    private static bool DerivesFrom(Type type, Type openGenericBase)
    {
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.IsGenericType && baseType.GetGenericTypeDefinition() == openGenericBase)
                return true;
        }

        return false;
    }
}
