using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// RFC 9457 problem details with the stable <c>code</c> extension the SPA and clients switch on
/// (<c>&lt;module&gt;.&lt;what&gt;</c>, e.g. <c>lead.email_taken</c>).
/// </summary>
public static class Problems
{
    public const string ValidationCode = "validation_failed";

    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null, string? traceId = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (traceId is not null)
            extensions["traceId"] = traceId;
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, type: TypeFor(status), extensions: extensions);
    }

    /// <summary>400 (or another status) naming the offending field, in the same shape as validation failures.</summary>
    public static ProblemHttpResult Field(string field, string message, string code, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = message,
            Type = TypeFor(status),
            Extensions = { ["code"] = code },
        });

    public static ProblemHttpResult NotFound(string code = "not_found", string title = "Not found.") =>
        Of(StatusCodes.Status404NotFound, code, title);

    public static ProblemHttpResult Conflict(string code, string title, string? detail = null) =>
        Of(StatusCodes.Status409Conflict, code, title, detail);

    public static ProblemHttpResult Forbidden(string code = "forbidden", string title = "Your role does not allow this.") =>
        Of(StatusCodes.Status403Forbidden, code, title);

    public static ProblemHttpResult Unauthorized(string code, string title) =>
        Of(StatusCodes.Status401Unauthorized, code, title);

    internal static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
