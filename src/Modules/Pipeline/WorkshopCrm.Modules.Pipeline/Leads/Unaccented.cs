namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>
/// pipeline.unaccented(text) (migration AccentInsensitiveSearch): the text without accents, so that a search for
/// "goncalves" finds "Gonçalves" and the other way round. The search indexes are built on it.
/// </summary>
internal static class Unaccented
{
    public const string Function = "pipeline.unaccented";

    /// <summary>Translated to SQL by EF (mapped in PipelineDb); never runs in .NET.</summary>
    public static string Text(string text) => throw new InvalidOperationException($"{Function} runs in the database only.");
}
