using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// JSON rules for every request and response: camelCase, enums as their documented strings (no numbers),
/// unknown members refused, required members and non-nullable annotations enforced, and every string storable
/// (<see cref="Http.StorableInput"/>, checked right after binding). A body that breaks a rule fails deserialisation and becomes a 400 problem
/// naming the JSON path (see <see cref="ErrorHandling"/>).
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>An enum value by its name on the wire (<c>on-site</c>, <c>no-significant-risk</c> …).</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonSerializer.Serialize(value, Options).Trim('"');

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.MaxDepth = 32;
        return o;
    }
}
