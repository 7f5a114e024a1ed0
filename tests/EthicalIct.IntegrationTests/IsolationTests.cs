using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Development;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// Structural isolation (docs/adr/0002): private streams stay in their organisation's tenant, and the three holes
/// that conjoined tenancy leaves open by default are closed.
/// </summary>
public class IsolationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task another_organisation_gets_404_for_a_private_assessment_and_its_owner_200()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);

        (await Fixture.SendAsync("GET", $"/api/assessments/{assessment}", Fixture.Token(Oslo, "auditor"))).Status.ShouldBe(200);
        var (status, problem, result) = await Fixture.SendAsync("GET", $"/api/assessments/{assessment}", Fixture.Token(Dfo, "coordinator"));
        status.ShouldBe(404);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!.ToJsonString().ShouldNotContain(Oslo);
    }

    [Fact]
    public void hole_1_a_session_without_an_organisation_cannot_be_opened()
    {
        Should.Throw<DefaultTenantUsageDisabledException>(() => Fixture.Store.LightweightSession());
        Should.Throw<DefaultTenantUsageDisabledException>(() => Fixture.Store.QuerySession());
    }

    [Fact]
    public async Task hole_2_a_blind_append_with_another_organisations_stream_id_is_refused()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var before = await EventCountAsync();

        await using (var dfo = Fixture.Store.LightweightSession(Dfo))
        {
            dfo.Events.Append(assessment, Opened(assessment, supplier, Dfo));
            await Should.ThrowAsync<ForeignStreamException>(() => dfo.SaveChangesAsync());
        }

        await using (var dfo = Fixture.Store.LightweightSession(Dfo))
        {
            // the shared registry's streams are just as foreign to a private append
            dfo.Events.Append(supplier, Opened(supplier, supplier, Dfo));
            await Should.ThrowAsync<ForeignStreamException>(() => dfo.SaveChangesAsync());
        }

        await using (var dfo = Fixture.Store.LightweightSession(Dfo))
        {
            // FetchForWriting in the wrong tenant sees "no stream yet" (version 0); appending would start a second one
            var stream = await dfo.Events.FetchForWriting<Assessment>(assessment);
            stream.CurrentVersion.ShouldBe(0);
            stream.AppendOne(Opened(assessment, supplier, Dfo));
            await Should.ThrowAsync<ForeignStreamException>(() => dfo.SaveChangesAsync());
        }

        (await EventCountAsync()).ShouldBe(before);
        await using var query = Fixture.Store.QuerySession(Dfo);
        (await query.Events.FetchStreamStateAsync(assessment)).ShouldBeNull();
        await using var owner = Fixture.Store.QuerySession(Oslo);
        (await owner.Events.FetchStreamStateAsync(assessment))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task the_owner_can_still_append_to_its_own_stream()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        await using var oslo = Fixture.Store.LightweightSession(Oslo);
        oslo.Events.Append(assessment, Opened(assessment, supplier, Oslo));
        await oslo.SaveChangesAsync();
        (await oslo.Events.FetchStreamStateAsync(assessment))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task hole_3_an_organisation_that_is_not_one_of_the_three_is_refused()
    {
        var key = Fixture.Host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!;
        var stranger = DevTokens.Create(key, "999999999", "coordinator");
        var (status, problem, _) = await Fixture.SendAsync("POST", "/api/suppliers", stranger, Scenarios.RegisterBody());
        status.ShouldBe(403);
        problem!["status"]!.GetValue<int>().ShouldBe(403);
        (await Fixture.SendAsync("GET", "/api/suppliers", stranger)).Status.ShouldBe(403);

        var unknownRole = DevTokens.Create(key, Oslo, "superuser");
        (await Fixture.SendAsync("GET", "/api/suppliers", unknownRole)).Status.ShouldBe(403);
        (await EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task events_carry_who_and_correlation_metadata()
    {
        var (status, body, _) = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Dfo, "coordinator"), Scenarios.RegisterBody(),
            new Dictionary<string, string> { ["X-Correlation-Id"] = "case-42" });
        status.ShouldBe(201);
        var id = body!["id"]!.GetValue<Guid>();
        await using var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "select user_name, correlation_id, data->'by'->>'role', tenant_id, data->'by'->>'org' from ethicalict.mt_events where stream_id = @id", conn);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldBe($"{Dfo}/coordinator@{Dfo}");
        reader.GetString(1).ShouldBe("case-42");
        reader.GetString(2).ShouldBe("coordinator");
        reader.GetString(3).ShouldBe("*DEFAULT*"); // the shared registry's streams are global
        reader.GetString(4).ShouldBe(Dfo);
        (await reader.ReadAsync()).ShouldBeFalse();
    }

    private static AssessmentOpened Opened(Guid id, Guid supplier, string org) =>
        new(id, supplier, "PC-2026", [ProductCategory.Laptop], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Kari", new Actor(org, "x", "x", "case-officer"), DateTimeOffset.UnixEpoch);
}
