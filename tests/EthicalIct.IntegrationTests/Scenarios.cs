using System.Text.Json.Nodes;
using Alba;

namespace EthicalIct.IntegrationTests;

/// <summary>API-built fixtures: each helper goes through the HTTP API like a client would.</summary>
public static class Scenarios
{
    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> SendAsync(this AppFixture f, string method, string url,
        string? token, string? json = null, IDictionary<string, string>? headers = null)
    {
        var result = await f.Host.Scenario(s =>
        {
            var send = method switch
            {
                "GET" => s.Get,
                "POST" => s.Post,
                "PUT" => s.Put,
                "DELETE" => s.Delete,
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            };
            if (json is null)
            {
                send.Url(url);
            }
            else
            {
                send.RawJson(json).ToUrl(url);
            }

            if (token is not null)
            {
                s.WithBearerToken(token);
            }

            foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            {
                s.WithRequestHeader(k, v);
            }

            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        JsonNode? body = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create(text);
            }
        }

        return (result.Context.Response.StatusCode, body, result);
    }

    /// <summary>Sends any bytes with any Content-Type (or none), and no token when <paramref name="token"/> is empty.</summary>
    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> SendRawAsync(this AppFixture f, string method, string url,
        string token, string? body, string? contentType, IDictionary<string, string>? headers = null)
    {
        var result = await f.Host.Scenario(s =>
        {
            (method == "GET" ? s.Get : s.Post).Url(url);
            s.ConfigureHttpContext(ctx =>
            {
                if (body is not null)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                    ctx.Request.Body = new MemoryStream(bytes);
                    ctx.Request.ContentLength = bytes.Length;
                }

                ctx.Request.ContentType = contentType;
            });
            if (token.Length > 0)
            {
                s.WithBearerToken(token);
            }

            foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            {
                s.WithRequestHeader(k, v);
            }

            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        JsonNode? parsed = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                parsed = JsonValue.Create(text);
            }
        }

        return (result.Context.Response.StatusCode, parsed, result);
    }

    public static async Task<(int Status, JsonNode? Body)> UploadAsync(this AppFixture f, string token, byte[] content, string contentType = "application/pdf")
    {
        var result = await f.Host.Scenario(s =>
        {
            s.Post.ByteArray(content).ToUrl("/api/evidence-files");
            s.WithRequestHeader("Content-Type", contentType);
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>POSTs a command to an assessment and returns the new version (asserting the status).</summary>
    public static async Task<JsonNode> CommandAsync(this AppFixture f, string org, string url, string json, int expectedStatus, string role = "case-officer")
    {
        var (status, body, _) = await f.SendAsync("POST", url, f.Token(org, role), json);
        if (status != expectedStatus)
        {
            throw new InvalidOperationException($"POST {url}: expected {expectedStatus} but got {status}: {body?.ToJsonString()}");
        }

        return body!;
    }

    public static string RegisterBody(string name = "Fjordtek AS", string orgNumber = "923456783") =>
        $$"""{"legalName":"{{name}}","orgNumber":"{{orgNumber}}","roles":["reseller"]}""";

    public static string SiteBody(long? expectedVersion, string name = "Assembly plant 1", string country = "CN",
        string category = "laptop", string disclosedOn = "2026-05-01") =>
        $$"""{"name":"{{name}}","country":"{{country}}","tier":"T2","categories":["{{category}}"],"disclosedBy":"supplier","disclosedOn":"{{disclosedOn}}"{{(expectedVersion is null ? "" : $",\"expectedVersion\":{expectedVersion}")}}}""";

    public static async Task<Guid> RegisterSupplierAsync(this AppFixture f, string org, string name = "Fjordtek AS", string orgNumber = "923456783")
    {
        var (status, body, _) = await f.SendAsync("POST", "/api/suppliers", f.Token(org), RegisterBody(name, orgNumber));
        if (status != 201)
        {
            throw new InvalidOperationException($"register failed: {status} {body}");
        }

        return body!["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> OpenAssessmentAsync(this AppFixture f, string org, Guid supplierId)
    {
        var (status, body, _) = await f.SendAsync("POST", "/api/assessments", f.Token(org),
            $$"""{"supplierId":"{{supplierId}}","frameworkAgreement":"PC-2026","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"Kari"}""");
        if (status != 201)
        {
            throw new InvalidOperationException($"open assessment failed: {status} {body}");
        }

        return body!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// The audit-trail positions <paramref name="org"/> may see (its own events and every event whose class is not
    /// private), once the trail has chained every stored event (waits up to a minute).
    /// </summary>
    public static async Task<List<long>> VisibleToAsync(string connection, string org)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        await using var conn = new Npgsql.NpgsqlConnection(connection);
        await conn.OpenAsync();
        while (true)
        {
            await using var chained = new Npgsql.NpgsqlCommand(
                "select (select count(*) from ethicalict.mt_events where type <> 'tombstone') = (select count(*) from ethicalict.audit_trail)", conn);
            if ((bool)(await chained.ExecuteScalarAsync())! || DateTime.UtcNow > until)
            {
                break;
            }

            await Task.Delay(200);
        }

        await using var cmd = new Npgsql.NpgsqlCommand("select position from ethicalict.audit_trail where organisation = @org or access_class <> 'private' order by position", conn);
        cmd.Parameters.AddWithValue("org", org);
        var list = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }
}
