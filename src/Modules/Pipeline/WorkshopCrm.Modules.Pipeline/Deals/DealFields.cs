using FluentValidation;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>The rules of a deal's fields, shared by the validators of creating, editing and moving a deal.</summary>
internal static class DealFields
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
        v.RuleFor(r => reason(r)).OptionalLine(2000).OverridePropertyName("lossReason");
    }
}
