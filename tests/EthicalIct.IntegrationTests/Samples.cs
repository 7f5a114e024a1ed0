using System.Collections;
using System.Reflection;
using System.Text.Json;
using EthicalIct.Api.Infrastructure;

namespace EthicalIct.IntegrationTests;

/// <summary>A well-formed JSON body for any command type: every member present with a plain value of its type.</summary>
public static class Samples
{
    public static string Json(Type type) => JsonSerializer.Serialize(Instance(type, 0), type, ApiJson.Options);

    public static object? Instance(Type type, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return underlying == typeof(long) ? 1L : Instance(underlying, depth);
        }

        if (type == typeof(string))
        {
            return "sample text";
        }

        if (type == typeof(int))
        {
            return 1;
        }

        if (type == typeof(long))
        {
            return 1L;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UtcNow;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var item = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            if (depth < 3)
            {
                list.Add(Instance(item, depth + 1));
            }

            return list;
        }

        var ctor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        return ctor.Invoke([.. ctor.GetParameters().Select(p => Instance(p.ParameterType, depth + 1))]);
    }
}
