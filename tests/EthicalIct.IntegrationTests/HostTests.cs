using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>Health, the OpenAPI document and tracing.</summary>
public class HostTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task health_endpoints_answer_without_a_token()
    {
        (await Fixture.SendAsync("GET", "/health/live", null)).Status.ShouldBe(200);
        var (status, body, _) = await Fixture.SendAsync("GET", "/health/ready", null);
        status.ShouldBe(200, body?.ToJsonString());
        body!["checks"]!["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        body["checks"]!["projections"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_lists_every_endpoint_with_schemas()
    {
        var (status, doc, _) = await Fixture.SendAsync("GET", "/openapi/v1.json", null);
        status.ShouldBe(200);
        var paths = doc!["paths"]!.AsObject();
        string[] expected =
        [
            "/api/organisations", "/api/suppliers", "/api/suppliers/{supplierId}", "/api/suppliers/{supplierId}/sites",
            "/api/suppliers/{supplierId}/corrections", "/api/assessments", "/api/assessments/{assessmentId}",
            "/api/assessments/{assessmentId}/risks", "/api/assessments/{assessmentId}/risks/{riskId}/scores",
            "/api/assessments/{assessmentId}/risks/{riskId}/mitigations", "/api/assessments/{assessmentId}/risks/{riskId}/close",
            "/api/assessments/{assessmentId}/evidence", "/api/assessments/{assessmentId}/evidence/{evidenceId}/file",
            "/api/assessments/{assessmentId}/decisions", "/api/assessments/{assessmentId}/conclude", "/api/assessments/{assessmentId}/reopen",
            "/api/evidence-files", "/api/risk-register", "/api/suppliers/{supplierId}/assessment-outcome", "/api/registry/activity",
        ];
        foreach (var path in expected)
        {
            paths.ContainsKey(path).ShouldBeTrue($"{path} missing from the OpenAPI document");
        }

        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                responses.Count.ShouldBeGreaterThan(0, $"{method} {path}");
                var success = responses.First(r => r.Key.StartsWith('2'));
                if (success.Key != "204")
                {
                    var content = success.Value!["content"]!.AsObject();
                    content.Count.ShouldBeGreaterThan(0, $"{method} {path} response content");
                    content.ShouldAllBe(c => c.Value!["schema"] != null, $"{method} {path} response schema");
                }

                if (method == "post")
                {
                    var content = operation["requestBody"]!["content"]!.AsObject();
                    content.Count.ShouldBeGreaterThan(0, $"{method} {path} request body");
                    if (content.ContainsKey("application/json"))
                    {
                        content["application/json"]!["schema"].ShouldNotBeNull($"{method} {path} request schema");
                    }
                }
            }
        }

        var register = paths["/api/suppliers"]!["post"]!;
        register["responses"]!.AsObject().ContainsKey("409").ShouldBeTrue();
        doc["components"]!["securitySchemes"]!["bearer"].ShouldNotBeNull();
        doc["components"]!["schemas"]!["RegisterSupplier"].ShouldNotBeNull();
    }

    [Fact]
    public async Task a_command_is_one_trace_of_http_and_marten_spans_and_the_shared_view_handler_traces_through_wolverine()
    {
        lock (Fixture.Spans)
        {
            Fixture.Spans.Clear();
        }

        // The request carries a trace of its own, so its spans are told apart from those of other hosts in this process
        // (tests run in parallel, and every host's spans reach the same listener).
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();
        var result = await Host.Scenario(s =>
        {
            s.Post.Text(Scenarios.RegisterBody()).ToUrl("/api/suppliers");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("traceparent", AppFixture.TraceParent(traceId)["traceparent"]);
            s.WithBearerToken(Fixture.Token(Oslo));
            s.StatusCodeShouldBe(201);
        });
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Fixture.Host, TimeSpan.FromSeconds(30));

        // The command's own work belongs to its trace.
        var (http, trace, spans) = await Fixture.TraceAsync(traceId);
        http.ShouldNotBeNull();
        var marten = trace.Where(s => s.Source.Name == "Marten").ToList();
        // The shared view's handler runs on the subscription's agent, in traces of its own, through Wolverine.
        spans.ShouldContain(s => s.Source.Name == "Wolverine" && s.DisplayName.Contains(nameof(EthicalIct.Api.SharedView.SharedViewPage), StringComparison.Ordinal),
            $"spans: {string.Join(", ", spans.Select(s => s.Source.Name + ":" + s.DisplayName))}");
        marten.ShouldNotBeEmpty($"sources in trace: {string.Join(", ", trace.Select(s => s.Source.Name + ":" + s.DisplayName))}");

        bool DescendsFromHttp(System.Diagnostics.Activity span)
        {
            var byId = trace.ToDictionary(s => s.SpanId);
            var current = span;
            while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
            {
                if (parent == http)
                {
                    return true;
                }

                current = parent;
            }

            return false;
        }

        foreach (var span in marten)
        {
            DescendsFromHttp(span).ShouldBeTrue($"{span.Source.Name}:{span.DisplayName} is not under the HTTP span");
        }

        result.Context.Response.StatusCode.ShouldBe(201);
    }

    [Fact]
    public async Task the_organisations_are_reference_data()
    {
        var (status, body, _) = await Fixture.SendAsync("GET", "/api/organisations", Fixture.Token(Oslo, "partner"));
        status.ShouldBe(200);
        body!.AsArray().Select(o => o!["orgNumber"]!.GetValue<string>()).ShouldBe(["958935420", "986252932", "916879067"]);
    }
}
