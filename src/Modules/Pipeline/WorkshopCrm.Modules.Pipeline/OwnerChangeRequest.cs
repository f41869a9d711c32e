using FastEndpoints;
using FluentValidation;

namespace WorkshopCrm.Modules.Pipeline;

/// <summary>Handing a lead or a deal (route id) to another active member of the team (a Business Owner's move).</summary>
internal sealed record OwnerChangeRequest(long Id, long OwnerId);

internal sealed class OwnerChangeRequestValidator : Validator<OwnerChangeRequest>
{
    public OwnerChangeRequestValidator() => RuleFor(r => r.OwnerId).GreaterThan(0).WithMessage("Required.");
}
