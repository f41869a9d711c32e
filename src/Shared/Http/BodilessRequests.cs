using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// A GET, HEAD, DELETE or OPTIONS that carries no body has no body to bind, whatever its <c>Content-Type</c> says. Some
/// clients (API tools, <c>curl -H 'Content-Type: application/json'</c> reused for every call) send that header anyway;
/// the binder would then read a JSON body that is not there and answer a valid request with "The request body is not
/// valid JSON". So the header goes when the server knows there is no body (no <c>Content-Length</c> and no chunks, or a
/// length of 0), and the route and query are bound as always. A POST or PUT without its body keeps its answer: the
/// body is not valid JSON.
/// </summary>
public static class BodilessRequests
{
    public static IApplicationBuilder UseNoContentTypeWithoutBody(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.ContentType is not null
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsOptions(request.Method))
                && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
                request.ContentType = null;
            return next(context);
        });
}
