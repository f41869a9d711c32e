using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace WorkshopCrm.Shared.Http;

/// <summary>FastEndpoints' error response builder: validation failures as a problem with per-field <c>errors</c>.</summary>
public static class ValidationProblems
{
    public static object Build(List<ValidationFailure> failures, HttpContext context, int status)
    {
        var errors = failures
            .GroupBy(f => FieldName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        // One failure with a code of ours names it; several different failures are just "validation_failed".
        var codes = failures.Select(f => IsOwnCode(f.ErrorCode) ? f.ErrorCode : Problems.ValidationCode).Distinct().ToList();
        return new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = status == StatusCodes.Status400BadRequest ? "Some fields are invalid." : "The request was refused.",
            Type = Problems.TypeFor(status),
            Instance = context.Request.Path,
            Extensions =
            {
                ["code"] = codes.Count == 1 ? codes[0] : Problems.ValidationCode,
                ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier,
            },
        };
    }

    // FluentValidation's own codes are validator names ("NotEmptyValidator"); ours look like "lead.email_taken".
    private static bool IsOwnCode(string? code) => code is not null && code.Contains('.', StringComparison.Ordinal);

    /// <summary>"Email" → "email", "Lead.Email" → "lead.email", FastEndpoints' general errors → "" .</summary>
    internal static string FieldName(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName) || propertyName == "GeneralErrors")
            return "";
        return string.Join('.', propertyName.Split('.').Select(part =>
            part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }
}
