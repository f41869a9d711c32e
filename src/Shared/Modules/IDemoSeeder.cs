namespace WorkshopCrm.Shared.Modules;

/// <summary>A module's part of the Host's <c>seed-demo</c> verb: idempotent demo data for a local try-out.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(TextWriter output, CancellationToken ct);
}
