using System.Text.Json;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// The runtime settings the Host ships with (ADR 0035): on a two-core machine server GC and spinning thread-pool
/// workers cost a quarter of the board's throughput and 30–40 MB. The runtimeconfig.json read here is the one the SDK
/// writes from the Host's project, the same file a publish and the container image carry.
/// </summary>
public sealed class RuntimeSettings
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.ChangeExtension(typeof(CrmApp).Assembly.Location, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_Host_collects_garbage_with_one_concurrent_heap()
    {
        var properties = ConfigProperties();

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    [Fact]
    public void Idle_thread_pool_workers_do_not_spin()
    {
        Assert.Equal(0, ConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
