using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WorkshopCrm.Shared;

/// <summary>
/// A setting's duration within bounds, like <c>[Range(typeof(TimeSpan), min, max)]</c> but safe when two threads
/// validate at once. DataAnnotations shares one attribute instance per property, and RangeAttribute parses its string
/// bounds the first time it validates, in place: two Hosts of one test process (or two first uses of an options type)
/// validating together made one of them fail with "Unable to cast object of type 'System.TimeSpan' to type
/// 'System.String'" (dotnet/runtime#1143). These bounds are parsed once, in the constructor, and never written again.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    /// <summary>Null is valid (Required says otherwise), as with RangeAttribute.</summary>
    public override bool IsValid(object? value) => value is null || value is TimeSpan t && t >= Minimum && t <= Maximum;

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, "The field {0} must be between {1} and {2}.", name, Minimum, Maximum);
}
