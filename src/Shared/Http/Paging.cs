using FluentValidation;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// A page of a list, as every list route answers it (API.md). <paramref name="TotalCapped"/>: the list counted its
/// matches only up to <paramref name="Total"/> and there are more ("10.000+"), so a full page may have a next one.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalCapped = false);

/// <summary>`?page=1&amp;pageSize=50`, pageSize at most 200.</summary>
public interface IPaged
{
    int Page { get; }
    int PageSize { get; }
}

public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>No list is browsed this deep; the cap keeps (page - 1) × pageSize far from overflowing an OFFSET.</summary>
    public const int MaxPage = 1_000_000;

    public static int Skip(this IPaged request) => (request.Page - 1) * request.PageSize;

    /// <summary>Field rules for page and pageSize.</summary>
    public static void ValidPaging<T>(this AbstractValidator<T> validator) where T : IPaged
    {
        validator.RuleFor(r => r.Page).GreaterThanOrEqualTo(1).WithMessage("Must be 1 or more.")
            .LessThanOrEqualTo(MaxPage).WithMessage($"Must be between 1 and {MaxPage}.");
        validator.RuleFor(r => r.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"Must be between 1 and {MaxPageSize}.");
    }
}
