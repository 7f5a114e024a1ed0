namespace EthicalIct.Api.Infrastructure;

/// <summary>Small pure checks and dates shared by every feature's decisions.</summary>
public static class Rules
{
    public const int MaxText = 4000;

    /// <summary>A required text field: not blank, at most <paramref name="max"/> characters.</summary>
    public static IEnumerable<FieldError> Text(string? value, string field, string reason, int max = MaxText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new FieldError(field, reason);
        }
        else if (value.Length > max)
        {
            yield return new FieldError(field, $"must be at most {max} characters");
        }
    }

    /// <summary>An optional text field: at most <paramref name="max"/> characters when given.</summary>
    public static IEnumerable<FieldError> OptionalText(string? value, string field, int max = MaxText)
    {
        if (value is { Length: > 0 } && value.Length > max)
        {
            yield return new FieldError(field, $"must be at most {max} characters");
        }
    }

    /// <summary>A required list: at least one item, none repeated.</summary>
    public static IEnumerable<FieldError> NonEmptyDistinct<T>(IReadOnlyList<T>? items, string field, string emptyReason)
    {
        if (items is null || items.Count == 0)
        {
            yield return new FieldError(field, emptyReason);
        }
        else if (items.Distinct().Count() != items.Count)
        {
            yield return new FieldError(field, "must not repeat an item");
        }
    }

    /// <summary>The business date (UTC) of a point in time.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>When a due-date check runs: the start of the day after the due date (UTC).</summary>
    public static DateTimeOffset DayAfter(DateOnly dueOn) => new(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
