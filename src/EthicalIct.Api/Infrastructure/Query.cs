using System.Text.Json;
using Marten;
using Marten.Pagination;

namespace EthicalIct.Api.Infrastructure;

/// <summary>Query-string values with the same enum names as the JSON bodies.</summary>
public static class Query
{
    public static T? Parse<T>(string? value, string field, List<FieldError> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>($"\"{JsonEncodedText.Encode(value)}\"", ApiJson.Options);
        }
        catch (JsonException)
        {
            errors.Add(new FieldError(field, $"unknown value '{value}'"));
            return null;
        }
    }
}

/// <summary>One page of a list, the same envelope on every list.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

/// <summary>
/// The paging rules of every list: <c>page</c> 1 to <see cref="MaxPage"/>, <c>pageSize</c> 1 to
/// <see cref="MaxPageSize"/> (default <see cref="DefaultPageSize"/>); anything else is a 400 naming the parameter.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxPage = 10_000;

    public static IEnumerable<FieldError> Check(int page, int pageSize)
    {
        if (page is < 1 or > MaxPage)
        {
            yield return new FieldError("page", $"must be between 1 and {MaxPage}");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            yield return new FieldError("pageSize", $"must be between 1 and {MaxPageSize}");
        }
    }

    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken ct)
    {
        var result = await query.ToPagedListAsync(page, pageSize, ct);
        return new Paged<T>([.. result], page, pageSize, result.TotalItemCount);
    }

    public static Paged<T> ToPage<T>(this IEnumerable<T> rows, int page, int pageSize)
    {
        var all = rows as IReadOnlyCollection<T> ?? [.. rows];
        return new Paged<T>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count);
    }
}
