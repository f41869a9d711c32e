using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Host.Cli;

/// <summary>
/// The Host's verbs besides serving: <c>migrate</c>, <c>seed-demo</c>, <c>verify [--repair]</c>,
/// <c>dead-letters list</c>, <c>dead-letters replay &lt;id&gt;|--all</c>.
/// </summary>
internal static class HostVerbs
{
    public static readonly string[] Names = ["migrate", "seed-demo", "verify", "dead-letters"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var ct = app.Lifetime.ApplicationStopping;
        switch (args[0])
        {
            case "migrate":
                await MigrateAsync(app.Services, reapplySecurity: true, ct);
                Console.WriteLine("Migrations applied.");
                return 0;
            case "seed-demo":
                await MigrateAsync(app.Services, reapplySecurity: false, ct);
                return await SeedDemoAsync(app, ct);
            case "verify":
                return await VerifyAsync(app.Services, repair: args.Contains("--repair"), ct);
            case "dead-letters":
                return await DeadLettersAsync(app.Services.GetRequiredService<DeadLetters>(), args.Skip(1).ToArray(), ct);
            default:
                return 2;
        }
    }

    /// <summary>True for the verb that runs the outbox dispatchers while it works (see <see cref="SeedDemoAsync"/>).</summary>
    public static bool DeliversEvents(string[] args) => args is ["seed-demo", ..];

    /// <summary>
    /// Runs every module's demo seeder in registration order (Identity first). The app is started (without a listener,
    /// see <see cref="NoListener"/>) so that the outbox dispatchers deliver what one seeder announced before the next
    /// needs it: the Pipeline seeder waits until the demo users' UserRegistered reached pipeline.members, the same
    /// path a real sign-up takes, instead of reaching into Identity.
    /// </summary>
    private static async Task<int> SeedDemoAsync(WebApplication app, CancellationToken ct)
    {
        await app.StartAsync(ct);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>())
                await seeder.SeedAsync(Console.Out, ct);
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"seed-demo failed: {ex}");
            return 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs every module's consistency check (state kept incrementally against its source); exit code 1 when anything
    /// differed, so a cron job or a deploy step notices. With --repair the differences are also set right.
    /// </summary>
    private static async Task<int> VerifyAsync(IServiceProvider services, bool repair, CancellationToken ct)
    {
        var differences = 0;
        foreach (var check in services.GetServices<IConsistencyCheck>())
            differences += await check.CheckAsync(Console.Out, repair, ct);
        return differences == 0 ? 0 : 1;
    }

    /// <summary>Applies every module's migrations (each with its history table in its own schema) and row-level security.</summary>
    public static Task MigrateAsync(IServiceProvider services, bool reapplySecurity, CancellationToken ct) =>
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync(reapplySecurity, ct);

    private static async Task<int> DeadLettersAsync(DeadLetters deadLetters, string[] args, CancellationToken ct)
    {
        if (args is ["list"] or [])
        {
            var letters = await deadLetters.ListAsync(ct);
            foreach (var letter in letters)
            {
                Console.WriteLine($"{letter.Id}  {letter.Schema}  {letter.Type}  attempts={letter.Attempts}  dead since {letter.DeadLetteredAt:u}");
                Console.WriteLine("    " + letter.LastError.Split('\n')[0]);
            }

            Console.WriteLine($"{letters.Count} dead letter(s).");
            return 0;
        }

        if (args is ["replay", "--all"])
        {
            Console.WriteLine($"{await deadLetters.ReplayAsync(null, ct)} dead letter(s) queued again.");
            return 0;
        }

        if (args is ["replay", var id] && Guid.TryParse(id, out var messageId))
        {
            var replayed = await deadLetters.ReplayAsync(messageId, ct);
            Console.WriteLine(replayed == 1 ? "Queued again." : "No dead letter with that id.");
            return replayed == 1 ? 0 : 1;
        }

        Console.Error.WriteLine("usage: dead-letters list | dead-letters replay <message-id> | dead-letters replay --all");
        return 2;
    }
}
