namespace WorkshopCrm.Shared.Modules;

/// <summary>
/// A module's part of the Host's <c>verify</c> verb: state kept incrementally (such as the board's column totals)
/// recomputed from its source and compared, across every company.
/// </summary>
public interface IConsistencyCheck
{
    /// <summary>Writes what differs and returns how many differences there were (repaired too when <paramref name="repair"/>).</summary>
    Task<int> CheckAsync(TextWriter output, bool repair, CancellationToken ct);
}
