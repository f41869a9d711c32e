using System.ComponentModel.DataAnnotations;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Shared.Tests;

public sealed class DurationSettings
{
    [Fact]
    public void A_duration_outside_its_bounds_is_refused_naming_the_setting_and_one_inside_is_accepted()
    {
        var tooShort = new OutboxOptions { PollInterval = TimeSpan.Zero };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(tooShort, new ValidationContext(tooShort), results, validateAllProperties: true));
        Assert.Equal("The field PollInterval must be between 00:00:00.0100000 and 01:00:00.", Assert.Single(results).ErrorMessage);
        var defaults = new OutboxOptions();
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }

    [Fact]
    public void One_bound_checked_by_many_threads_at_once_answers_each_of_them_alike()
    {
        var bound = new TimeSpanRangeAttribute("00:00:01", "00:00:30");

        var answers = new bool[4_000];
        Parallel.For(0, answers.Length, i => answers[i] = bound.IsValid(TimeSpan.FromSeconds(i % 2 == 0 ? 5 : 60)));

        Assert.All(answers.Where((_, i) => i % 2 == 0), Assert.True);
        Assert.All(answers.Where((_, i) => i % 2 == 1), Assert.False);
    }
}
