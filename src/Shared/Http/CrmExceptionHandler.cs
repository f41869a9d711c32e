using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// Last line of defence: an unexpected exception becomes a problem (503 when the database is away, 500 otherwise)
/// with no stack trace outside Development.
/// </summary>
internal sealed class CrmExceptionHandler(IWebHostEnvironment environment, ILogger<CrmExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
            return true; // the caller went away; nobody to answer

        var (status, code, title) = Classify(exception);
        // A dependency that is away (database, WhatsApp gateway) is an operating condition, not a bug: one warning line.
        if (status == StatusCodes.Status503ServiceUnavailable)
            logger.LogWarning("Request {Method} {Path} answered 503 {Code}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, code,
                exception.GetBaseException().Message);
        else if (status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Code}", httpContext.Request.Method, httpContext.Request.Path, code);

        if (status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = "5";

        var detail = environment.IsDevelopment() ? exception.ToString() : null;
        await Problems.Of(status, code, title, detail).ExecuteAsync(httpContext);
        return true;
    }

    internal static (int Status, string Code, string Title) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "request.invalid", bad.Message),
        DependencyUnavailableException dependency => (StatusCodes.Status503ServiceUnavailable, dependency.Code, dependency.Message),
        _ when IsDatabaseUnavailable(exception) =>
            (StatusCodes.Status503ServiceUnavailable, "database.unavailable", "The database is unavailable; try again shortly."),
        _ => (StatusCodes.Status500InternalServerError, "server.error", "Something went wrong on our side."),
    };

    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
                return true;
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" })
                return true;
        }

        return false;
    }
}
