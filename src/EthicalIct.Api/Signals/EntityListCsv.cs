using System.Text;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Signals;

/// <summary>
/// The entity-list file (docs/entity-lists.md): UTF-8 CSV (RFC 4180: commas, double quotes around a field that holds
/// one, "" for a quote) with a header row naming the columns <c>name</c> (required), <c>country</c> (ISO 3166-1
/// alpha-2, required), <c>identifier</c> (an organisation number or other registry identifier, optional) and
/// <c>aliases</c> (other names, separated by <c>;</c>, optional), in any order; other columns are ignored.
/// </summary>
public static class EntityListCsv
{
    public const int MaxEntries = 20_000;

    public static (IReadOnlyList<EntityListEntry> Entries, IReadOnlyList<FieldError> Errors) Parse(byte[] content)
    {
        var errors = new List<FieldError>();
        var rows = Rows(Encoding.UTF8.GetString(content).TrimStart('\uFEFF')).ToList();
        if (rows.Count == 0)
        {
            return ([], [new FieldError("file", "the file is empty: a header row (name,country,identifier,aliases) and one row per entity")]);
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        var (name, country, identifier, aliases) = (Column("name"), Column("country"), Column("identifier"), Column("aliases"));
        if (name < 0 || country < 0)
        {
            return ([], [new FieldError("file", "the header row must name the columns name and country (identifier and aliases are optional)")]);
        }

        var entries = new List<EntityListEntry>();
        for (var i = 1; i < rows.Count && errors.Count < 20; i++)
        {
            var row = rows[i];
            string? Cell(int column) => column >= 0 && column < row.Count && !string.IsNullOrWhiteSpace(row[column]) ? row[column].Trim() : null;
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var entityName = Cell(name);
            var entityCountry = Cell(country)?.ToUpperInvariant();
            if (entityName is null)
            {
                errors.Add(new FieldError($"file.line[{i + 1}].name", "every entity needs a name"));
            }

            if (entityCountry is null || !Countries.IsValid(entityCountry))
            {
                errors.Add(new FieldError($"file.line[{i + 1}].country", "an upper-case ISO 3166-1 alpha-2 code"));
            }

            if (entityName is not null && entityCountry is not null && Countries.IsValid(entityCountry))
            {
                entries.Add(new EntityListEntry(entityName, entityCountry, Cell(identifier),
                    [.. (Cell(aliases) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]));
            }
        }

        if (entries.Count > MaxEntries)
        {
            errors.Add(new FieldError("file", $"at most {MaxEntries} entities per list"));
        }
        else if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new FieldError("file", "the file names no entity"));
        }

        return (entries, errors);
    }

    private static IEnumerable<List<string>> Rows(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
