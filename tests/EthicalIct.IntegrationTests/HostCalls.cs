using System.Text.Json.Nodes;
using Alba;
using EthicalIct.Api.Development;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>Requests to a host of a test's own (not the shared fixture's): a development token of the host's key, JSON in and out.</summary>
public static class HostCalls
{
    public static string Token(this IAlbaHost host, string org, string role = "coordinator") =>
        DevTokens.Create(host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, org, role);

    /// <summary>POSTs <paramref name="json"/> and expects <paramref name="status"/>; answers the body.</summary>
    public static async Task<JsonNode> PostJsonAsync(this IAlbaHost host, string org, string role, string url, string json, int status)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(host.Token(org, role));
            s.StatusCodeShouldBe(status);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!;
    }

    /// <summary>GETs <paramref name="url"/> with any status; answers the status and the body.</summary>
    public static async Task<(int Status, string Body)> GetTextAsync(this IAlbaHost host, string org, string url, string role = "coordinator")
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(host.Token(org, role));
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    /// <summary>GETs <paramref name="url"/>, expecting 200; answers the body.</summary>
    public static async Task<JsonNode> GetJsonAsync(this IAlbaHost host, string org, string url, string role = "coordinator")
    {
        var (status, body) = await host.GetTextAsync(org, url, role);
        status.ShouldBe(200, body);
        return JsonNode.Parse(body)!;
    }
}
