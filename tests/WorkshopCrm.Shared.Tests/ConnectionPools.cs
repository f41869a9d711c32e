namespace WorkshopCrm.Shared.Tests;

/// <summary>The requests' connection pool is sized for the machine unless the connection string says (ADR 0040).</summary>
public sealed class ConnectionPools
{
    [Theory]
    [InlineData("Maximum Pool Size=30")]
    [InlineData("maximum pool size=30")]
    [InlineData("MaxPoolSize=30")]
    public void A_pool_size_in_the_connection_string_is_kept(string setting)
    {
        using var dataSource = SharedKernel.RuntimeDataSource($"Host=localhost;Username=app;{setting}", prepare: true, defaultPoolSize: 8);

        Assert.Contains("Maximum Pool Size=30", dataSource.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_one_the_requests_pool_is_four_connections_a_core_and_at_least_eight()
    {
        using var dataSource = SharedKernel.RuntimeDataSource("Host=localhost;Username=app", prepare: true, SharedKernel.RequestPoolSize);

        Assert.Contains($"Maximum Pool Size={Math.Max(8, 4 * Environment.ProcessorCount)}", dataSource.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }
}
