using Mono.Cecil;
using NetArchTest.Rules;

namespace WorkshopCrm.Architecture.Tests;

internal static class Rules
{
    /// <summary>Fails with the rule in words and every type that breaks it.</summary>
    public static void AssertHolds(this TestResult result, string rule)
    {
        var failing = result.FailingTypeNames ?? [];
        Assert.True(result.IsSuccessful, $"{rule}. Failing types:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", failing)}");
    }

    /// <summary>
    /// The types a rule checks, asserted non-empty first so that the rule cannot pass by checking nothing.
    /// </summary>
    public static PredicateList NotEmpty(this PredicateList types, string what)
    {
        Assert.True(types.GetTypes().Any(), $"The rule checks no types: {what} is empty.");
        return types;
    }

    /// <inheritdoc cref="NotEmpty(PredicateList, string)"/>
    public static Types NotEmpty(this Types types, string what)
    {
        Assert.True(types.GetTypes().Any(), $"The rule checks no types: {what} is empty.");
        return types;
    }
}

/// <summary>
/// A NetArchTest rule judged on the runtime <see cref="Type"/>: reflection sees inherited interfaces and base classes
/// across assemblies and a nested type's effective visibility (<see cref="Type.IsVisible"/>), which Cecil's
/// declared metadata alone does not.
/// </summary>
internal sealed class Reflected(Func<Type, bool> rule) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type) =>
        rule(Type.GetType($"{type.FullName.Replace('/', '+')}, {type.Module.Assembly.FullName}", throwOnError: true)!);
}
