using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit.Abstractions;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// Bad requests generated from the service's own OpenAPI document: for every operation, a plausible request is built
/// from its schemas against a world of real streams, then broken one way at a time (the whole body, each property's
/// type, nullness, size and characters, each path and query parameter, the common headers). Every answer must be
/// below 500; every rejected request must store nothing; nothing may be logged at error level.
/// </summary>
public class BadInputTests(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const string RawMarker = "\u0001raw:";
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string Later = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What a property or parameter of a given name holds in the arranged world (ids of real streams).</summary>
    private readonly Dictionary<string, string> _world = new(StringComparer.OrdinalIgnoreCase);

    private Dictionary<Guid, string> _streams = [];

    [Fact]
    public async Task every_operation_of_the_openapi_document_answers_bad_input_below_500_and_stores_nothing()
    {
        await ArrangeWorldAsync();
        var (_, doc, _) = await Fixture.SendAsync("GET", "/openapi/v1.json", null);
        var operations = Operations(doc!).OrderBy(o => Terminal(o.Path)).ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
        operations.Count.ShouldBeGreaterThan(60);
        Fixture.Logs.Clear();

        var failures = new List<string>();
        var sent = 0;
        var token = Fixture.Token(Oslo, "coordinator");
        foreach (var op in operations)
        {
            foreach (var request in Requests(doc!, op))
            {
                sent++;
                var before = await EventCountAsync();
                var (status, body, result) = await Fixture.SendRawAsync(op.Method, request.Url, request.Token ?? token, request.Body, request.ContentType, request.Headers);
                var after = await EventCountAsync();
                var what = $"{op.Method} {op.Path} [{request.Label}] -> {status} {Short(body?.ToJsonString())}";
                if (status >= 500)
                {
                    failures.Add(what);
                }
                else if (status >= 400 && after != before)
                {
                    failures.Add($"{what}: stored {after - before} event(s)");
                }
                else if (status == 400 && result.Context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
                {
                    failures.Add($"{what}: not problem+json ({result.Context.Response.ContentType})");
                }
                else if (status == 400 && body?["field"] is null && body?["errors"] is null)
                {
                    failures.Add($"{what}: names no field");
                }
            }
        }

        output.WriteLine($"{operations.Count} operations, {sent} bad requests");
        failures.ForEach(output.WriteLine);
        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests:\n{string.Join("\n", failures.Take(40))}");
        var errors = Fixture.Logs.AtOrAbove(Serilog.Events.LogEventLevel.Error);
        errors.ShouldBeEmpty(string.Join("\n", errors.Take(10).Select(e => $"{e.Level} {e.RenderMessage()} {e.Exception?.GetType().Name}: {e.Exception?.Message}")));
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>Operations that end a stream's life go last, so the others meet open streams.</summary>
    private static bool Terminal(string path) =>
        path.EndsWith("/close", StringComparison.Ordinal) || path.EndsWith("/cancel", StringComparison.Ordinal) || path.EndsWith("/conclude", StringComparison.Ordinal)
        || path.EndsWith("/leave", StringComparison.Ordinal) || path.EndsWith("/carry-over", StringComparison.Ordinal) || path.EndsWith("/held", StringComparison.Ordinal);

    private sealed record Operation(string Method, string Path, JsonObject Spec);

    private sealed record BadRequest(string Label, string Url, string? Body, string? ContentType = "application/json", IDictionary<string, string>? Headers = null, string? Token = null);

    private static IEnumerable<Operation> Operations(JsonNode doc)
    {
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, spec) in item!.AsObject())
            {
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    yield return new Operation(method.ToUpperInvariant(), path, spec!.AsObject());
                }
            }
        }
    }

    private IEnumerable<BadRequest> Requests(JsonNode doc, Operation op)
    {
        var parameters = (op.Spec["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).ToList();
        var pathValues = parameters.Where(p => (string)p["in"]! == "path").ToDictionary(p => (string)p["name"]!, p => PathValue(op.Path, (string)p["name"]!));
        var url = Url(op.Path, pathValues);
        var stream = pathValues.Values.Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).FirstOrDefault(g => _streams.ContainsKey(g));

        // path parameters
        foreach (var name in pathValues.Keys)
        {
            foreach (var (label, value) in BadPathValues())
            {
                yield return Json($"path {name} {label}", Url(op.Path, new Dictionary<string, string>(pathValues) { [name] = value }), Base(doc, op, stream));
            }
        }

        // query parameters
        foreach (var q in parameters.Where(p => (string)p["in"]! == "query"))
        {
            var name = (string)q["name"]!;
            foreach (var (label, value) in BadQueryValues())
            {
                yield return Json($"query {name} {label}", $"{url}?{name}={value}", Base(doc, op, stream));
            }
        }

        if (op.Method == "GET")
        {
            yield return new BadRequest("no token", url, null, null, Token: "");
            yield break;
        }

        var schema = BodySchema(doc, op);
        if (schema is null)
        {
            // a raw upload: bodies of every odd kind
            yield return new BadRequest("empty file", url, "", "application/pdf");
            yield return new BadRequest("no content type", url, "%PDF", null);
            yield return new BadRequest("oversized", url, new string('x', (int)AppFixture.MaxFileBytes + 1), "application/pdf");
            yield return new BadRequest("odd content type", url, "x", "text/plain; charset=\u00e6");
            yield break;
        }

        // the whole body
        foreach (var raw in new[] { "null", "", "[]", "\"x\"", "1", "true", "{", "{}", "{\"a\":", "[null]", "{\"expectedVersion\":null}", "\u00ff\u00fe", "{\"x\":\"\\u0000\"}" })
        {
            yield return new BadRequest($"body {raw}", url, raw);
        }

        yield return new BadRequest("text/plain", url, Base(doc, op, stream), "text/plain");
        yield return new BadRequest("no content type", url, Base(doc, op, stream), null);

        // the common headers
        foreach (var (label, header, value) in new[]
                 {
                     ("weak If-Match", "If-Match", "W/\"1\""), ("unquoted If-Match", "If-Match", "1"), ("any If-Match", "If-Match", "*"),
                     ("list If-Match", "If-Match", "\"1\", \"2\""), ("huge If-Match", "If-Match", "\"99999999999999999999999\""),
                     ("negative If-Match", "If-Match", "\"-1\""), ("empty Idempotency-Key", "Idempotency-Key", ""),
                     ("long Idempotency-Key", "Idempotency-Key", new string('k', 201)), ("control Idempotency-Key", "Idempotency-Key", "a\tb"),
                 })
        {
            yield return new BadRequest($"header {label}", url, WithoutVersion(Base(doc, op, stream)), Headers: new Dictionary<string, string> { [header] = value });
        }

        // each property, one way at a time
        foreach (var (path, propertySchema) in Properties(doc, schema, "", 0))
        {
            foreach (var (label, value) in BadValues(Resolve(doc, propertySchema)))
            {
                yield return Json($"{path} {label}", url, Mutate(Base(doc, op, stream), path, value));
            }
        }
    }

    private static BadRequest Json(string label, string url, string body) => new(label, url, body);

    private static string Url(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (u, kv) => u.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    private string PathValue(string path, string name) =>
        name == "evidenceId" ? _world[path.StartsWith("/api/assessments", StringComparison.Ordinal) ? "assessmentEvidenceId" : "dialogueEvidenceId"]
        : _world.TryGetValue(name, out var v) ? v : Guid.NewGuid().ToString();

    private static IEnumerable<(string, string)> BadPathValues() =>
    [
        ("not an id", "not-an-id"), ("empty id", "00000000-0000-0000-0000-000000000000"), ("unknown id", Guid.NewGuid().ToString()),
        ("huge number", "99999999999999999999"), ("negative", "-1"), ("surrogate", "%ED%A0%80"), ("space", "%20"), ("long", new string('9', 2000)),
    ];

    private static IEnumerable<(string, string)> BadQueryValues() =>
    [
        ("negative", "-1"), ("zero", "0"), ("overflow", "99999999999999999999"), ("word", "abc"), ("empty", ""), ("fraction", "1.5"),
        ("nul", "%00"), ("surrogate", "%ED%A0%80"), ("long", new string('a', 1200)), ("huge page size", "201"), ("id", Guid.NewGuid().ToString()),
        ("date", "2026-02-30"), ("far future", "9999-12-31T23:59:59Z"),
    ];

    /// <summary>Ways to break one value, by what its schema says it is.</summary>
    private static IEnumerable<(string, string)> BadValues(JsonObject schema)
    {
        yield return ("missing", RawMarker + "missing");
        yield return ("null", "null");
        yield return ("object", "{}");
        yield return ("array", "[]");
        yield return ("array of null", "[null]");
        yield return ("true", "true");
        yield return ("number", "1");
        yield return ("negative", "-1");
        yield return ("fraction", "1.5");
        yield return ("overflow", "99999999999999999999999");
        yield return ("huge float", "1e400");
        yield return ("long max", long.MaxValue.ToString(CultureInfo.InvariantCulture));
        yield return ("int max", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        yield return ("string", "\"x\"");
        yield return ("empty", "\"\"");
        yield return ("blank", "\"   \"");
        yield return ("nul", "\"a\\u0000b\"");
        yield return ("lone surrogate", "\"a\\ud800b\"");
        yield return ("reversed surrogates", "\"\\udc00\\ud800\"");
        yield return ("control", "\"a\\u0007\\u001bb\"");
        yield return ("long", $"\"{new string('x', 70_000)}\"");
        yield return ("unicode", "\"Ø\u202e\ud83d\ude00<script>'; drop table x;--\"");
        yield return ("bad date", "\"2026-02-30\"");
        yield return ("ancient date", "\"0001-01-01\"");
        yield return ("last date", "\"9999-12-31\"");
        yield return ("bad id", "\"not-a-guid\"");
        yield return ("empty id", "\"00000000-0000-0000-0000-000000000000\"");
        yield return ("unknown id", $"\"{Guid.NewGuid()}\"");
        if (schema["enum"] is not null || Types(schema).Contains("string"))
        {
            yield return ("unknown enum", "\"NoSuchValue\"");
            yield return ("enum as number", "99");
        }

        if (Types(schema).Contains("array"))
        {
            yield return ("huge array", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 5_000)) + "]");
        }
    }

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray a => [.. a.Select(t => (string)t!)],
        JsonValue v => [(string)v!],
        _ => [],
    };

    private static JsonObject? BodySchema(JsonNode doc, Operation op) =>
        op.Spec["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject s ? Resolve(doc, s) : null;

    private static JsonObject Resolve(JsonNode doc, JsonObject schema)
    {
        while (schema["$ref"] is { } r)
        {
            var name = ((string)r!).Split('/')[^1];
            schema = doc["components"]!["schemas"]![name]!.AsObject();
        }

        return schema;
    }

    /// <summary>Every property path of a schema: nested objects and the first item of arrays, three levels deep.</summary>
    private static IEnumerable<(string Path, JsonObject Schema)> Properties(JsonNode doc, JsonObject schema, string prefix, int depth)
    {
        if (depth > 3 || schema["properties"] is not JsonObject properties)
        {
            yield break;
        }

        foreach (var (name, node) in properties)
        {
            var p = Resolve(doc, node!.AsObject());
            var path = prefix + name;
            yield return (path, p);
            if (Types(p).Contains("array") && p["items"] is JsonObject items)
            {
                foreach (var inner in Properties(doc, Resolve(doc, items), path + "[0].", depth + 1))
                {
                    yield return inner;
                }
            }
            else
            {
                foreach (var inner in Properties(doc, p, path + ".", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A plausible body for the operation: real ids from the world, today's dates, the stream's current version.</summary>
    private string Base(JsonNode doc, Operation op, Guid stream)
    {
        if (BodySchema(doc, op) is not { } schema)
        {
            return "";
        }

        var body = Sample(doc, schema, "", 0) as JsonObject ?? [];
        if (body.ContainsKey("expectedVersion"))
        {
            body["expectedVersion"] = stream == Guid.Empty ? 1 : CurrentVersion(stream);
        }

        return body.ToJsonString();
    }

    private static string WithoutVersion(string body)
    {
        if (JsonNode.Parse(body) is JsonObject o)
        {
            o.Remove("expectedVersion");
            return o.ToJsonString();
        }

        return body;
    }

    private JsonNode? Sample(JsonNode doc, JsonObject schema, string name, int depth)
    {
        if (_world.TryGetValue(name, out var known))
        {
            return Types(schema).Contains("array") ? new JsonArray(JsonValue.Create(known)) : JsonValue.Create(known);
        }

        if (schema["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        var types = Types(schema);
        var format = (string?)schema["format"];
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var o = new JsonObject();
            foreach (var (p, s) in schema["properties"]?.AsObject() ?? [])
            {
                o[p] = depth > 4 ? null : Sample(doc, Resolve(doc, s!.AsObject()), p, depth + 1);
            }

            return o;
        }

        if (types.Contains("array"))
        {
            return schema["items"] is JsonObject items ? new JsonArray(Sample(doc, Resolve(doc, items), Singular(name), depth + 1)) : [];
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return 1;
        }

        if (types.Contains("boolean"))
        {
            return true;
        }

        return format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date" => Later,
            "date-time" => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            _ => name.EndsWith("On", StringComparison.Ordinal) ? Later : "sample text",
        };
    }

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    /// <summary>The body with the value at <paramref name="path"/> replaced by raw JSON text (or removed).</summary>
    private static string Mutate(string body, string path, string raw)
    {
        var root = JsonNode.Parse(body)!;
        JsonNode parent = root;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            var name = segment.EndsWith("[0]", StringComparison.Ordinal) ? segment[..^3] : segment;
            var next = parent[name];
            if (segment.EndsWith("[0]", StringComparison.Ordinal))
            {
                next = next is JsonArray { Count: > 0 } a ? a[0] : null;
            }

            if (next is null)
            {
                return body;
            }

            parent = next;
        }

        var last = segments[^1];
        var o = parent.AsObject();
        if (raw == RawMarker + "missing")
        {
            o.Remove(last);
            return root.ToJsonString();
        }

        const string placeholder = "\u0002placeholder\u0002";
        o[last] = placeholder;
        return root.ToJsonString().Replace(System.Text.Json.JsonSerializer.Serialize(placeholder), raw, StringComparison.Ordinal);
    }

    private long CurrentVersion(Guid stream)
    {
        using var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        conn.Open();
        using var cmd = new Npgsql.NpgsqlCommand("select version from ethicalict.mt_streams where id = @id", conn);
        cmd.Parameters.AddWithValue("id", stream);
        return cmd.ExecuteScalar() is long v ? v : 1;
    }

    /// <summary>Real streams of every kind, owned or hosted by Oslo (whose coordinator sends the bad requests).</summary>
    private async Task ArrangeWorldAsync()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var site = await PostAsync(Oslo, $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(1));
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("evidence"));
        var sha = (string)file!["sha256"]!;

        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var risk = await PostAsync(Oslo, $"/api/assessments/{assessment}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"d","source":"s","expectedVersion":1}""");
        var assessmentEvidence = await PostAsync(Oslo, $"/api/assessments/{assessment}/evidence",
            $$"""{"title":"Audit","kind":"audit-report","receivedOn":"{{Today}}","source":"RBA","accessClass":"open","sha256":"{{sha}}","fileName":"a.pdf","expectedVersion":2}""");

        var set = await PostAsync(Oslo, "/api/requirement-sets",
            """{"title":"Set","clauses":[{"clauseId":"K1","title":"FL","text":"No forced labour.","iloConventions":["C029"],"oecdSteps":[1]}],"sections":[{"sectionId":"S1","oecdStep":2,"title":"Risk","questions":[{"questionId":"Q1","text":"Policy?","breachIfNo":true,"code":"FL"}]}]}""",
            "coordinator", "requirementSetId");

        var dialogue = await PostAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Dialogue"}""", id: "dialogueId");
        await PostAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/participants", $$"""{"orgNumber":"{{Dfo}}","expectedVersion":1}""", "coordinator");
        await PostAsync(Dfo, $"/api/supplier-dialogues/{dialogue}/participation/accept", """{"expectedVersion":2}""", "coordinator");
        var dialogueEvidence = await PostAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/evidence",
            $$"""{"title":"SAQ","kind":"self-assessment-answer","receivedOn":"{{Today}}","source":"supplier","accessClass":"open","sha256":"{{sha}}","fileName":"s.txt","expectedVersion":3}""");
        var finding = await PostAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings", """{"grade":"minor","code":"WH","description":"overtime","expectedVersion":4}""");
        await PostAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings/{finding}/cap",
            $$"""{"actions":[{"description":"Cap hours","owner":"HR","dueOn":"{{Later}}"}],"expectedVersion":5}""");
        await PostAsync(Dfo, $"/api/supplier-dialogues/{dialogue}/findings/{finding}/cap/decision", """{"approve":true,"rationale":"ok","expectedVersion":6}""", "coordinator");
        var (_, details, _) = await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}", Fixture.Token(Oslo));
        var action = (string)details!["findings"]![0]!["plans"]![0]!["actions"]![0]!["actionId"]!;

        var roundtable = await PostAsync(Oslo, "/api/roundtables", $$"""{"topic":"t","date":"{{Later}}","hostOrgs":["{{Oslo}}"],"online":true}""", "coordinator", "roundtableId");
        var item = await PostAsync(Oslo, $"/api/roundtables/{roundtable}/follow-up-items", $$"""{"description":"d","dueOn":"{{Later}}","ownerOrg":"{{Oslo}}"}""", "coordinator", "followUpItemId");

        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["supplierId"] = supplier.ToString(), ["siteId"] = site, ["assessmentId"] = assessment.ToString(), ["riskId"] = risk,
                     ["assessmentEvidenceId"] = assessmentEvidence, ["dialogueEvidenceId"] = dialogueEvidence, ["evidenceId"] = dialogueEvidence,
                     ["requirementSetId"] = set, ["setVersion"] = "1", ["dialogueId"] = dialogue, ["findingId"] = finding, ["actionId"] = action,
                     ["roundtableId"] = roundtable, ["toRoundtableId"] = roundtable, ["followUpItemId"] = item, ["sha256"] = sha,
                     ["orgNumber"] = Dfo, ["ownerOrg"] = Oslo, ["hostOrg"] = Oslo, ["country"] = "CN",
                 })
        {
            _world[k] = v;
        }

        _streams = new[] { supplier.ToString(), assessment.ToString(), set, dialogue, roundtable, item }.ToDictionary(Guid.Parse, s => s);
    }

    /// <summary>Sends a command that must succeed and returns the id it answers with.</summary>
    private async Task<string> PostAsync(string org, string url, string json, string role = "case-officer", string id = "itemId")
    {
        var (status, body, _) = await Fixture.SendAsync("POST", url, Fixture.Token(org, role), json);
        if (status is < 200 or >= 300)
        {
            throw new InvalidOperationException($"POST {url}: {status} {body?.ToJsonString()}");
        }

        return body?[id]?.ToString() ?? body?["siteId"]?.ToString() ?? "";
    }
}
