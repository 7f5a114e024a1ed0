using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure.Http;

/// <summary>
/// Refuses, for every value of a bound command at once (not field by field), what no field may hold: a string
/// PostgreSQL cannot store in <c>jsonb</c> or <c>text</c> (the NUL character, unpaired UTF-16 surrogates, more than
/// <see cref="MaxLength"/> characters), a <c>null</c> inside a list, and a date outside the years
/// <see cref="FirstYear"/>–<see cref="LastYear"/> (so date arithmetic never overflows). Fields have tighter rules of
/// their own; these hold for every field, so no command reaches a decision or the database with such a value. Applied
/// by <see cref="CommandConventions"/> right after the body is read; query strings are checked by
/// <see cref="RequestGuard"/>.
/// </summary>
public static class StorableInput
{
    public const int MaxLength = 100_000;
    public const int FirstYear = 1900;
    public const int LastYear = 2999;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>A 400 problem naming the first value that cannot be accepted, or null.</summary>
    public static ProblemDetails? Check(object? command) =>
        command is null ? null : Find(command, "", 0) is { } bad ? Problems.Invalid(bad.Path, bad.Reason) : null;

    /// <summary>Why the text cannot be stored, or null.</summary>
    public static string? Problem(string value)
    {
        if (value.Length > MaxLength)
        {
            return $"a text may be at most {MaxLength} characters";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "must not contain the NUL character (\\u0000)";
            }

            if (char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))))
            {
                return "must not contain an unpaired UTF-16 surrogate";
            }
        }

        return null;
    }

    private static (string Path, string Reason)? Find(object value, string path, int depth)
    {
        switch (value)
        {
            case string s:
                return Problem(s) is { } reason ? (path.Length == 0 ? "body" : path, reason) : null;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    if (Problem(key) is { } keyReason)
                    {
                        return (path, keyReason);
                    }

                    if (entry.Value is not null && depth < 16 && Find(entry.Value, $"{path}.{key}", depth + 1) is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    if (item is null)
                    {
                        return ($"{path}[{i}]", "must not be null");
                    }

                    if (depth < 16 && Find(item, $"{path}[{i}]", depth + 1) is { } bad)
                    {
                        return bad;
                    }

                    i++;
                }

                return null;
        }

        var year = value switch
        {
            DateOnly d => d.Year,
            DateTimeOffset t => t.Year,
            DateTime t => t.Year,
            _ => FirstYear,
        };
        if (year is < FirstYear or > LastYear)
        {
            return (path.Length == 0 ? "body" : path, $"must be a date between the years {FirstYear} and {LastYear}");
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateOnly)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeOnly) || depth >= 16)
        {
            return null;
        }

        foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray()))
        {
            if (property.GetValue(value) is { } child
                && Find(child, path.Length == 0 ? Camel(property.Name) : $"{path}.{Camel(property.Name)}", depth + 1) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
