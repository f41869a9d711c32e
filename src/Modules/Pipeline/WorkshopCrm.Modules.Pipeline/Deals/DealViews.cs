using FluentValidation;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>A card on the board (API.md).</summary>
internal sealed record DealCard(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, int DaysInStage, string? LossReason);

internal sealed record DealLead(long Id, string Name, string Email, string? Phone);

internal sealed record DealOwner(long Id, string Name);

internal sealed record DealStage(long Id, string Name);

/// <summary>The deal panel (API.md): <c>version</c> goes back with edits.</summary>
internal sealed record DealView(
    long Id, string Title, decimal Value, DealLead Lead, DealOwner Owner, DealStage Stage, string? LossReason, int SortOrder, uint Version,
    DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt);

internal static class DealRules
{
    public const decimal MaxValue = 9_999_999_999.99m;

    public static void Title<T>(AbstractValidator<T> v, Func<T, string> title) =>
        v.RuleFor(r => title(r)).RequiredLine(255).OverridePropertyName("title");

    /// <summary>numeric(12,2) BRL: 0 to 9,999,999,999.99, at most two decimals (refused, never rounded).</summary>
    public static void Value<T>(AbstractValidator<T> v, Func<T, decimal> value) =>
        v.RuleFor(r => value(r))
            .InclusiveBetween(0m, MaxValue).WithMessage("Must be between 0 and 9,999,999,999.99.")
            .Must(x => decimal.Round(x, 2) == x).WithMessage("At most two decimal places.")
            .OverridePropertyName("value");

    public static void Stage<T>(AbstractValidator<T> v, Func<T, long?> stage) =>
        v.RuleFor(r => stage(r)).Must(s => s is null || PipelineStage.Exists(s.Value)).WithMessage("No such stage.").OverridePropertyName("stageId");

    /// <summary>Seed note 6: a deal is in Lost only with a non-blank reason.</summary>
    public static void LossReason<T>(AbstractValidator<T> v, Func<T, long?> stage, Func<T, string?> reason)
    {
        v.RuleFor(r => reason(r)).Must((r, x) => stage(r) != PipelineStage.Lost || !string.IsNullOrWhiteSpace(x))
            .WithMessage("Say why the deal was lost.").WithErrorCode("deal.loss_reason_required").OverridePropertyName("lossReason");
        v.RuleFor(r => reason(r)).MaximumLength(2000).WithMessage("At most 2000 characters.").OverridePropertyName("lossReason");
    }

    public static int DaysSince(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (int)(now - since).TotalDays);

    public static readonly Microsoft.AspNetCore.Http.IResult NotFound = Problems.NotFound("deal.not_found", "No such deal.");

    public static readonly Microsoft.AspNetCore.Http.IResult OwnerInvalid =
        Problems.Field("ownerId", "The owner must be an active user of your company.", "deal.owner_invalid");

    /// <summary>The deal panel, in one query.</summary>
    public static IQueryable<DealView> Views(PipelineDb db, IQueryable<Deal> deals) =>
        from d in deals
        join l in db.Leads on d.LeadId equals l.Id
        join m in db.Members on d.UserId equals m.UserId
        join s in db.Stages on d.PipelineStageId equals s.Id
        select new DealView(d.Id, d.Title, d.Value, new DealLead(l.Id, l.Name, l.Email, l.Phone), new DealOwner(m.UserId, m.Name),
            new DealStage(s.Id, s.Name), d.LossReason, d.SortOrder, d.Version, d.CreatedAt, d.UpdatedAt, d.StageEnteredAt);

    /// <summary>Cards, in one query (days in stage are counted once the rows are here).</summary>
    public static IQueryable<CardRow> Cards(PipelineDb db, IQueryable<Deal> deals) =>
        from d in deals
        join l in db.Leads on d.LeadId equals l.Id
        join m in db.Members on d.UserId equals m.UserId
        select new CardRow(d.Id, d.Title, d.Value, l.Id, l.Name, m.UserId, m.Name, d.PipelineStageId, d.SortOrder, d.UpdatedAt, d.StageEnteredAt, d.LossReason);
}

internal sealed record CardRow(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt, string? LossReason)
{
    public DealCard ToCard(DateTimeOffset now) =>
        new(Id, Title, Value, LeadId, LeadName, OwnerId, OwnerName, StageId, SortOrder, UpdatedAt, DealRules.DaysSince(StageEnteredAt, now), LossReason);
}
