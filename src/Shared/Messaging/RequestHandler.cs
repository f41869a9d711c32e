using MassTransit;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// Answers another module's question asked through MassTransit's request client over the mediator (ARCHITECTURE.md:
/// "is this e-mail taken?"). Runs inside the asking request, so it changes state only in its own transaction.
/// </summary>
public abstract class RequestHandler<TRequest, TResponse> : IConsumer<TRequest>
    where TRequest : class
    where TResponse : class
{
    public async Task Consume(ConsumeContext<TRequest> context) =>
        await context.RespondAsync(await HandleAsync(context.Message, context.CancellationToken));

    protected abstract Task<TResponse> HandleAsync(TRequest request, CancellationToken ct);
}
