using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Conversations;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.History;
using WorkshopCrm.Modules.Pipeline.Imports;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Modules.Pipeline.Notes;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Data;

internal sealed class PipelineDb(DbContextOptions<PipelineDb> options) : ModuleDbContext(options)
{
    public const string SchemaName = "pipeline";

    public override string Schema => SchemaName;

    public DbSet<PipelineStage> Stages => Set<PipelineStage>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealNote> Notes => Set<DealNote>();
    public DbSet<ActivityType> ActivityTypes => Set<ActivityType>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ActivityDigest> ActivityDigests => Set<ActivityDigest>();
    public DbSet<DealEventKind> DealEventKinds => Set<DealEventKind>();
    public DbSet<DealEvent> DealEvents => Set<DealEvent>();
    public DbSet<WhatsAppConversation> WhatsAppConversations => Set<WhatsAppConversation>();
    public DbSet<Import> Imports => Set<Import>();
    public DbSet<ImportFileChunk> ImportFileChunks => Set<ImportFileChunk>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();

    /// <summary>Every save records the history of the deals it creates or changes (ADR 0021).</summary>
    protected override void BeforeSave(DateTimeOffset now) => DealHistory.Record(this, now);

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PipelineDb).Assembly);
        modelBuilder.HasDbFunction(typeof(Unaccented).GetMethod(nameof(Unaccented.Text))!).HasSchema(SchemaName).HasName("unaccented");
        modelBuilder.HasDbFunction(typeof(LeadSearch).GetMethod(nameof(LeadSearch.Lower))!).HasName("lower").IsBuiltIn();
        modelBuilder.HasDbFunction(typeof(LeadSearch).GetMethod(nameof(LeadSearch.RowsFound))!)
            .HasTranslation(_ => new SqlFragmentExpression("(count(*) OVER ())::int", typeof(int), new IntTypeMapping("integer")));
    }
}
