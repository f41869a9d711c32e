using FastEndpoints;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>A request that names an account by its e-mail: sign-in, sign-up, password recovery.</summary>
internal interface INamesAnAccount
{
    string Email { get; }
}

/// <summary>
/// The per-account half of the auth rate limit, checked before the handler (after validation): a 429 with
/// Retry-After when the account named by the request is over its allowance. Every call spends one attempt: for
/// the routes that send mail, where each request costs someone an e-mail.
/// </summary>
internal sealed class SpendsAccountAllowance<TRequest> : IPreProcessor<TRequest> where TRequest : INamesAnAccount
{
    public Task PreProcessAsync(IPreProcessorContext<TRequest> context, CancellationToken ct) =>
        AccountAllowance.CheckAsync(context, (throttle, email) => throttle.RefuseAsync(email, context.HttpContext, ct));
}

/// <summary>
/// Like <see cref="SpendsAccountAllowance{TRequest}"/> but spends nothing: for sign-in and sign-up, where only a
/// failure (<see cref="EmailThrottle.CountFailure"/>, in the handler) spends the account's allowance, so a person
/// signing in and out is never locked out.
/// </summary>
internal sealed class RefusedWhileAccountLocked<TRequest> : IPreProcessor<TRequest> where TRequest : INamesAnAccount
{
    public Task PreProcessAsync(IPreProcessorContext<TRequest> context, CancellationToken ct) =>
        AccountAllowance.CheckAsync(context, (throttle, email) => throttle.RefuseIfLockedAsync(email, context.HttpContext, ct));
}

internal static class AccountAllowance
{
    public static async Task CheckAsync<TRequest>(IPreProcessorContext<TRequest> context, Func<EmailThrottle, string, Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?>> refuse)
        where TRequest : INamesAnAccount
    {
        if (context.Request is not { } request || context.HasValidationFailures || context.HttpContext.ResponseStarted())
            return;
        var throttle = context.HttpContext.Resolve<EmailThrottle>();
        if (await refuse(throttle, EmailAddresses.Normalize(request.Email)) is { } tooMany)
            await context.HttpContext.Response.SendResultAsync(tooMany);
    }
}
