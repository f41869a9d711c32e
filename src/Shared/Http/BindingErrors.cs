using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation.Results;
using Microsoft.Extensions.Primitives;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// What a client sees when a request cannot even be bound to its type: the field it sent wrong and a sentence a person
/// understands (the SPA translates it), never System.Text.Json's or FastEndpoints' own text. Wired once, for every
/// endpoint, in the Host's FastEndpoints configuration.
/// </summary>
public static partial class BindingErrors
{
    public const string Required = "Required.";
    public const string WholeNumber = "Must be a whole number.";
    public const string Number = "Must be a number.";
    public const string Text = "Must be text.";
    public const string Boolean = "Must be true or false.";
    public const string Date = "Must be a date.";
    public const string Invalid = "Not a valid value.";
    public const string MalformedJson = "The request body is not valid JSON.";
    public const string MalformedJsonCode = "request.malformed_json";

    /// <summary>A JSON body that STJ refused: the field from the exception's path, the sentence from what was expected.</summary>
    public static ValidationFailure FromJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // A value of the wrong kind is "could not be converted"; anything else is a body that is not JSON at all.
        if (!exception.Message.Contains("could not be converted", StringComparison.Ordinal))
            return new ValidationFailure("", MalformedJson) { ErrorCode = MalformedJsonCode };
        return new ValidationFailure(FieldOf(exception.Path), Sentence(exception));
    }

    private static string Sentence(JsonException exception)
    {
        // STJ's converters say what they wanted: "Cannot get the value of a token type 'Null' as a number.", "… out of
        // bounds for an Int64.", "… not in a supported DateTimeOffset format."; the outer message names a type, but for
        // a record's constructor parameter that is the record's, so it comes last.
        var inner = exception.InnerException?.Message ?? "";
        if (inner.Contains("token type 'Null'", StringComparison.Ordinal))
            return Required;
        var kind = TokenKind().Match(inner);
        if (kind.Success)
        {
            return kind.Groups["kind"].Value switch
            {
                "number" => Number,
                "string" => Text,
                "boolean" => Boolean,
                _ => Invalid,
            };
        }

        var named = NamedType().Match(inner);
        if (named.Success)
            return ForType("System." + named.Groups["type"].Value);
        var target = TargetType().Match(exception.Message);
        return target.Success ? ForType(target.Groups["type"].Value) : Invalid;
    }

    /// <summary>A route or query value that does not parse (<c>?page=abc</c>).</summary>
    public static string FromText(Type type, string property, StringValues attempted)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ForType((Nullable.GetUnderlyingType(type) ?? type).FullName ?? "");
    }

    internal static string ForType(string typeName)
    {
        // "System.Nullable`1[[System.Int64, ...]]" reads as its inner type.
        var inner = NullableOf().Match(typeName);
        var name = inner.Success ? inner.Groups["type"].Value : typeName;
        return name switch
        {
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => WholeNumber,
            "System.Decimal" or "System.Double" or "System.Single" => Number,
            "System.String" or "System.Char" => Text,
            "System.Boolean" => Boolean,
            "System.DateTime" or "System.DateTimeOffset" or "System.DateOnly" or "System.TimeOnly" => Date,
            _ => Invalid,
        };
    }

    /// <summary>"$.leadId" → "leadId", "$.items[0].name" → "items[0].name", "$" or none → "" (the body as a whole).</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return "";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return ValidationProblems.FieldName(field);
    }

    [GeneratedRegex(@"as an? (?<kind>number|string|boolean)\.", RegexOptions.CultureInvariant)]
    private static partial Regex TokenKind();

    [GeneratedRegex(@"(?:out of bounds for an?|supported) (?<type>Int16|Int32|Int64|UInt16|UInt32|UInt64|Byte|Decimal|Double|Single|DateTime|DateTimeOffset|DateOnly|TimeOnly|Guid)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedType();

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex TargetType();

    [GeneratedRegex(@"^System\.Nullable`1\[\[(?<type>[^,\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
