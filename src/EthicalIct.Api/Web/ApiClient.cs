using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EthicalIct.Api.Web;

/// <summary>An API answer: the status, the body (a problem for 4xx/5xx) and the ETag.</summary>
public sealed record ApiResult(int Status, JsonNode? Body, string? ETag)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>A lost race: someone else changed the case since the form was read (the API's stale-version 409).</summary>
    public bool Stale => Status == StatusCodes.Status409Conflict && Body?["type"]?.GetValue<string>() == Problems.StaleVersionType;

    /// <summary>The reasons the API gave per field (a 400's <c>errors</c>), or the detail under the problem's field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors
    {
        get
        {
            var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Body?["errors"] is JsonObject fields)
            {
                foreach (var (name, reasons) in fields)
                {
                    errors[name] = string.Join("; ", reasons?.AsArray().Select(r => r?.GetValue<string>()) ?? []);
                }
            }

            return errors;
        }
    }

    public string? Detail => Body?["detail"]?.GetValue<string>() ?? Body?["title"]?.GetValue<string>();

    public T As<T>() => Body.Deserialize<T>(WebJson.Options)!;
}

/// <summary>Reads answers leniently (the API's rules, but members the page does not show are skipped).</summary>
public static class WebJson
{
    public static JsonSerializerOptions Options { get; } = new(ApiJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };
}

/// <summary>
/// The pages' way to the API (ADR 0018): every read and every command goes through the service's own HTTP API on
/// loopback with the signed-in user's token, so the pages use the same validation, access rules, decisions,
/// idempotency and stale-version checks as any client, and no rule is written twice.
/// </summary>
public sealed class ApiClient(HttpClient http, IHttpContextAccessor accessor, IServer server)
{
    public Task<ApiResult> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<ApiResult> PostAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    /// <summary>A file the API serves (evidence), with its type and name.</summary>
    public async Task<(int Status, byte[] Bytes, string? ContentType, string? FileName)> GetFileAsync(string path, CancellationToken ct)
    {
        using var request = await RequestAsync(HttpMethod.Get, path);
        using var response = await http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct), response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = await RequestAsync(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json");
            // One key per form post: a resent post (reload, double click) is answered from the stored result.
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var node = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonNode.Parse(text) : null;
        return new ApiResult((int)response.StatusCode, node, response.Headers.ETag?.Tag);
    }

    /// <summary>A request to the API on this process's address, carrying the signed-in user's token.</summary>
    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("The API client serves page requests only.");
        var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path));
        if (await context.GetTokenAsync(WebConfiguration.Scheme, WebConfiguration.TokenName) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private Uri? _base;

    /// <summary>This process's own HTTP address (loopback when it listens on every interface).</summary>
    private Uri BaseAddress()
    {
        if (_base is not null)
        {
            return _base;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to call the API on.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        return _base = uri.Uri;
    }
}
