using System.Text.Json;

namespace EthicalIct.Api.Infrastructure;

/// <summary>Query-string parsing with the same enum names as the JSON bodies, and paging checks.</summary>
public static class QueryEnums
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

    public static void Paging(int page, int pageSize, int maxPageSize, List<FieldError> errors)
    {
        if (page < 1)
        {
            errors.Add(new("page", "must be 1 or more"));
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            errors.Add(new("pageSize", $"must be between 1 and {maxPageSize}"));
        }
    }
}
