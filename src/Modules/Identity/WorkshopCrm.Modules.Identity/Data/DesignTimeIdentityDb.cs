using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the Host (no database is contacted).</summary>
internal sealed class DesignTimeIdentityDb : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>()
            .UseModuleDatabase("Host=localhost;Database=design_time", IdentityDb.SchemaName)
            .Options);
}
