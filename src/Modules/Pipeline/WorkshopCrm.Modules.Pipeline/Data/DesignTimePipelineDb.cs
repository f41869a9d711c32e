using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the Host (no database is contacted).</summary>
internal sealed class DesignTimePipelineDb : IDesignTimeDbContextFactory<PipelineDb>
{
    public PipelineDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PipelineDb>()
            .UseModuleDatabase("Host=localhost;Database=design_time", PipelineDb.SchemaName)
            .Options);
}
