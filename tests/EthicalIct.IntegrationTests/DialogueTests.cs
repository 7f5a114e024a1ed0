using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.SupplierDialogues;
using Shouldly;
using Wolverine.Tracking;

namespace EthicalIct.IntegrationTests;

public class DialogueTests(AppFixture fixture) : IntegrationContext(fixture)
{
    internal const string SetBody = """
        {"title":"Harmonised ICT requirements","clauses":[{"clauseId":"K1","title":"Forced labour","text":"The supplier shall not use forced labour.","iloConventions":["C029","C105"],"oecdSteps":[1,2]}],
         "sections":[{"sectionId":"S2","oecdStep":2,"title":"Risk assessment","questions":[
           {"questionId":"Q1","text":"Does the supplier have a policy against forced labour?","breachIfNo":true,"code":"FL"},
           {"questionId":"Q2","text":"Does the supplier publish its production sites?","breachIfNo":false}]}]}
        """;

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> AdoptedSetAsync(params string[] orgs)
    {
        var id = (await Fixture.CommandAsync(Oslo, "/api/requirement-sets", SetBody, 201, "coordinator"))["requirementSetId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/requirement-sets/{id}/versions/1/publish", """{"expectedVersion":1}""", 200, "coordinator");
        var version = 2;
        foreach (var org in orgs)
        {
            await Fixture.CommandAsync(org, $"/api/requirement-sets/{id}/adoptions", $$"""{"setVersion":1,"rationale":"board decision","expectedVersion":{{version++}}}""", 200, "coordinator");
        }

        return id;
    }

    private async Task<(Guid Supplier, Guid Dialogue)> JointDialogueAsync()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Joint follow-up 2026"}""", 201))["dialogueId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/participants", $$"""{"orgNumber":"{{Dfo}}","expectedVersion":1}""", 200, "coordinator");
        await Fixture.CommandAsync(Dfo, $"/api/supplier-dialogues/{dialogue}/participation/accept", """{"expectedVersion":2}""", 200, "coordinator");
        return (supplier, dialogue);
    }

    private async Task<long> VersionAsync(Guid dialogue, string org = Oslo) =>
        (await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}", Fixture.Token(org))).Body!["version"]!.GetValue<long>();

    [Fact]
    public async Task a_joint_dialogue_from_questionnaire_to_verified_closure_of_a_finding()
    {
        var set = await AdoptedSetAsync(Oslo, Dfo);
        var (_, id) = await JointDialogueAsync();
        var url = $"/api/supplier-dialogues/{id}";

        await Fixture.CommandAsync(Dfo, $"{url}/questionnaires", $$"""{"requirementSetId":"{{set}}","setVersion":1,"expectedVersion":3}""", 201);
        var check = (await Fixture.WaitingChecksAsync<CheckQuestionnaireOverdue>()).Single();
        check.DueAt.ShouldBe(new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(43).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var questionnaire = check.Message.QuestionnaireId;

        // the third organisation does not see the dialogue at all
        (await Fixture.SendAsync("GET", url, Fixture.Token(Sykehusinnkjop, "coordinator"))).Status.ShouldBe(404);
        (await Fixture.SendAsync("POST", $"{url}/meetings", Fixture.Token(Sykehusinnkjop), $$"""{"heldOn":"{{Today()}}","participants":["x"],"minutes":"m","expectedVersion":4}""")).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", "/api/supplier-dialogues", Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", "/api/supplier-dialogues", Fixture.Token(Dfo))).Body!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(id);

        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("supplier self-assessment"));
        var evidence = (await Fixture.CommandAsync(Oslo, $"{url}/evidence",
            $$"""{"title":"SAQ answers","kind":"self-assessment-answer","receivedOn":"{{Today()}}","source":"supplier","accessClass":"open","sha256":"{{file!["sha256"]}}","fileName":"saq.txt","expectedVersion":4}""", 201))["itemId"]!.GetValue<Guid>();
        var download = await Fixture.SendAsync("GET", $"{url}/evidence/{evidence}/file", Fixture.Token(Dfo, "auditor"));
        download.Status.ShouldBe(200);
        download.Body!.GetValue<string>().ShouldBe("supplier self-assessment");

        var response = await Fixture.CommandAsync(Dfo, $"{url}/questionnaire-responses",
            $$"""{"questionnaireId":"{{questionnaire}}","receivedOn":"{{Today()}}","answers":[{"questionId":"Q1","value":"no","comment":"policy in preparation"},{"questionId":"Q2","value":"yes"}],"evidenceIds":["{{evidence}}"],"expectedVersion":5}""", 200);
        response["version"]!.GetValue<long>().ShouldBe(7);
        var (_, details, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Oslo));
        var finding = details!["findings"]!.AsArray().Single()!;
        finding["automatic"]!.GetValue<bool>().ShouldBeTrue();
        finding["grade"]!.GetValue<string>().ShouldBe("major");
        finding["code"]!.GetValue<string>().ShouldBe("FL");
        details["questionnaires"]![0]!["breach"]!.GetValue<bool>().ShouldBeTrue();
        var findingId = finding["findingId"]!.GetValue<Guid>();

        await Fixture.CommandAsync(Oslo, $"{url}/findings/{findingId}/cap",
            $$"""{"actions":[{"description":"Adopt and publish a forced-labour policy","owner":"Supplier CSR manager","dueOn":"{{Today(10)}}"}],"expectedVersion":7}""", 201);
        (await Fixture.WaitingChecksAsync<CheckCapActionOverdue>()).Single().DueAt.ShouldBe(
            new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(11).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await Fixture.CommandAsync(Dfo, $"{url}/findings/{findingId}/cap/decision", """{"approve":true,"rationale":"credible plan","expectedVersion":8}""", 200, "coordinator");
        var actionId = (await Fixture.SendAsync("GET", url, Fixture.Token(Oslo))).Body!["findings"]![0]!["plans"]![0]!["actions"]![0]!["actionId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{findingId}/cap/actions/{actionId}/progress", """{"note":"policy adopted by the board","completed":true,"expectedVersion":9}""", 200);
        await Fixture.CommandAsync(Dfo, $"{url}/findings/{findingId}/verifications", $$"""{"method":"desk","result":"passed","notes":"policy published on the supplier's site","evidenceIds":["{{evidence}}"],"expectedVersion":10}""", 200);

        // VR2 (the verification rule): a forced-labour finding does not close on a desk review alone; worker interviews off site close it.
        var desk = await EventCountAsync();
        var (deskOnly, why, _) = await Fixture.SendAsync("POST", $"{url}/findings/{findingId}/close", Fixture.Token(Oslo, "coordinator"), """{"rationale":"verified","expectedVersion":11}""");
        (deskOnly, why!["rule"]!.GetValue<string>(), why["field"]!.GetValue<string>()).ShouldBe((409, "fl-cl-beyond-audit-v1", "findingId"));
        why["detail"]!.GetValue<string>().ShouldContain("so far: desk");
        (await EventCountAsync()).ShouldBe(desk, "a refused close stores nothing");
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{findingId}/verifications", """{"method":"worker-interviews","result":"passed","notes":"twelve workers interviewed off site by an NGO","expectedVersion":11}""", 200);
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{findingId}/close", """{"rationale":"verified beyond the audit","expectedVersion":12}""", 200, "coordinator");

        var before = await EventCountAsync();
        var (refused, problem, _) = await Fixture.SendAsync("POST", $"{url}/findings/{findingId}/cap/decision", Fixture.Token(Dfo, "coordinator"), """{"approve":true,"rationale":"again","expectedVersion":13}""");
        refused.ShouldBe(409);
        problem!["findingStatus"]!.GetValue<string>().ShouldBe("closed");

        await Fixture.CommandAsync(Oslo, $"{url}/close", """{"summary":"Forced-labour policy in place; no open findings.","expectedVersion":13}""", 200, "coordinator");
        (await Fixture.SendAsync("POST", $"{url}/findings", Fixture.Token(Dfo), """{"grade":"minor","code":"WH","description":"overtime","expectedVersion":14}""")).Status.ShouldBe(409);
        (await EventCountAsync()).ShouldBe(before + 1);

        var (_, final, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Dfo, "auditor"));
        final!["status"]!.GetValue<string>().ShouldBe("closed");
        final["participants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Oslo, Dfo]);
        final["findings"]![0]!["status"]!.GetValue<string>().ShouldBe("closed");
    }

    [Fact]
    public async Task overdue_detection_fires_from_the_scheduled_messages()
    {
        var set = await AdoptedSetAsync(Oslo);
        var (supplier, id) = await JointDialogueAsync();
        var url = $"/api/supplier-dialogues/{id}";

        await Fixture.CommandAsync(Oslo, $"{url}/questionnaires", $$"""{"requirementSetId":"{{set}}","setVersion":1,"dueOn":"{{Today(14)}}","expectedVersion":3}""", 201);
        await Fixture.PlayChecksAsync<CheckQuestionnaireOverdue>();

        var finding = (await Fixture.CommandAsync(Dfo, $"{url}/findings", """{"grade":"priority","code":"HS","description":"blocked fire exits","expectedVersion":5}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, $"{url}/findings/{finding}/cap",
            $$"""{"actions":[{"description":"Clear exits","owner":"Plant manager","dueOn":"{{Today(3)}}"},{"description":"Fire drill","owner":"HSE","dueOn":"{{Today(60)}}"}],"expectedVersion":6}""", 201);
        (await Fixture.WaitingChecksAsync<CheckCapActionOverdue>()).Count.ShouldBe(2, "one overdue check per action (the reminders schedule their own)");
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap/decision", """{"approve":true,"rationale":"ok","expectedVersion":7}""", 200, "coordinator");
        await Fixture.PlayChecksAsync<CheckCapActionOverdue>();

        var (_, details, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Oslo));
        details!["questionnaires"]![0]!["status"]!.GetValue<string>().ShouldBe("overdue");
        details["findings"]![0]!["plans"]![0]!["actions"]!.AsArray().Select(a => a!["overdueAt"] is not null).ShouldBe([true, true]);

        var (_, overdue, _) = await Fixture.SendAsync("GET", "/api/caps?state=overdue", Fixture.Token(Dfo));
        overdue!["items"]!.AsArray().Count.ShouldBe(2);
        overdue["items"]![0]!["grade"]!.GetValue<string>().ShouldBe("priority");
        var (_, pipeline, _) = await Fixture.SendAsync("GET", $"/api/questionnaire-pipeline?supplierId={supplier}", Fixture.Token(Oslo));
        pipeline!["items"]![0]!["overdue"]!.GetValue<int>().ShouldBe(1);

        // an extension clears the overdue flag and schedules a new check; the new due date is "due soon"
        var actionId = details["findings"]![0]!["plans"]![0]!["actions"]![0]!["actionId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, $"{url}/findings/{finding}/cap/actions/{actionId}/extension", $$"""{"newDueOn":"{{Today(20)}}","reason":"parts on order","expectedVersion":10}""", 200);
        (await Fixture.WaitingChecksAsync<CheckCapActionOverdue>()).Single().Message.DueOn.ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20));
        var (_, soon, _) = await Fixture.SendAsync("GET", "/api/caps?state=due-soon", Fixture.Token(Oslo));
        soon!["items"]!.AsArray().Single()!["actionId"]!.GetValue<Guid>().ShouldBe(actionId);
    }

    [Fact]
    public async Task adoption_by_each_organisation_shows_in_the_harmonisation_view()
    {
        var set = await AdoptedSetAsync(Oslo, Dfo);
        async Task<JsonNode> Row() => (await Fixture.SendAsync("GET", "/api/harmonisation", Fixture.Token(Sykehusinnkjop, "partner"))).Body!["items"]!.AsArray().Single()!;

        var row = await Row();
        row["currentVersion"]!.GetValue<int>().ShouldBe(1);
        row["harmonised"]!.GetValue<bool>().ShouldBeFalse();
        row["organisations"]!.AsArray().Select(o => o!["adoptedVersion"]?.GetValue<int>()).ShouldBe([1, 1, null]);

        (await Fixture.SendAsync("POST", $"/api/requirement-sets/{set}/adoptions", Fixture.Token(Sykehusinnkjop, "case-officer"), """{"setVersion":1,"rationale":"r","expectedVersion":4}""")).Status.ShouldBe(403);
        await Fixture.CommandAsync(Sykehusinnkjop, $"/api/requirement-sets/{set}/adoptions", """{"setVersion":1,"rationale":"aligned with the others","expectedVersion":4}""", 200, "coordinator");
        (await Row())["harmonised"]!.GetValue<bool>().ShouldBeTrue();

        // a newer version supersedes the old: nobody is current until they adopt it
        await Fixture.CommandAsync(Dfo, $"/api/requirement-sets/{set}/versions", "{" + SetBody[(SetBody.IndexOf("\"clauses\"", StringComparison.Ordinal))..^1].TrimEnd() + ",\"expectedVersion\":5}", 201, "coordinator");
        await Fixture.CommandAsync(Dfo, $"/api/requirement-sets/{set}/versions/2/publish", """{"expectedVersion":6}""", 200, "coordinator");
        row = await Row();
        row["currentVersion"]!.GetValue<int>().ShouldBe(2);
        row["harmonised"]!.GetValue<bool>().ShouldBeFalse();
        row["organisations"]!.AsArray().Select(o => o!["current"]!.GetValue<bool>()).ShouldBe([false, false, false]);
        var (stale, problem, _) = await Fixture.SendAsync("POST", $"/api/requirement-sets/{set}/adoptions", Fixture.Token(Oslo, "coordinator"), """{"setVersion":1,"rationale":"r","expectedVersion":7}""");
        stale.ShouldBe(409);
        problem!["currentVersion"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task DLG1_1_e2e_an_invited_organisation_sees_only_the_proposal_until_its_coordinator_accepts()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Joint follow-up 2026"}""", 201))["dialogueId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/participants", $$"""{"orgNumber":"{{Dfo}}","expectedVersion":1}""", 200, "coordinator");

        (await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}", Fixture.Token(Dfo))).Status.ShouldBe(404, "not a participant before accepting");
        var (_, proposals, _) = await Fixture.SendAsync("GET", "/api/participation-proposals", Fixture.Token(Dfo, "auditor"));
        proposals!["items"]!.AsArray().Single()!["dialogueId"]!.GetValue<Guid>().ShouldBe(dialogue);
        (await Fixture.SendAsync("GET", "/api/participation-proposals", Fixture.Token(Sykehusinnkjop)))!.Body!["items"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("POST", $"/api/supplier-dialogues/{dialogue}/participation/accept", Fixture.Token(Oslo, "coordinator"), """{"expectedVersion":2}"""))
            .Status.ShouldBe(404, "Oslo cannot accept in DFØ's name");
        (await Fixture.SendAsync("POST", $"/api/supplier-dialogues/{dialogue}/participation/accept", Fixture.Token(Dfo, "case-officer"), """{"expectedVersion":2}"""))
            .Status.ShouldBe(403, "coordinators answer");
        await Fixture.CommandAsync(Dfo, $"/api/supplier-dialogues/{dialogue}/participation/accept", """{"expectedVersion":2}""", 200, "coordinator");

        var (status, details, _) = await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}", Fixture.Token(Dfo));
        status.ShouldBe(200);
        details!["participants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Oslo, Dfo]);
        details["memberships"]![1]!["by"]!["org"]!.GetValue<string>().ShouldBe(Dfo, "the joining organisation acted for itself");
        details["proposals"]![0]!["outcome"]!.GetValue<string>().ShouldBe("accepted");
    }

    [Fact]
    public async Task DLG7_2_e2e_a_joint_letter_is_sent_only_when_every_named_organisation_has_signed()
    {
        var (_, id) = await JointDialogueAsync();
        var url = $"/api/supplier-dialogues/{id}";
        var proposed = await Fixture.CommandAsync(Oslo, $"{url}/escalations", """{"step":"joint-letter","rationale":"no progress after two reminders","expectedVersion":3}""", 201, "coordinator");
        var escalation = proposed["itemId"]!.GetValue<Guid>();
        var (_, before, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Dfo));
        before!["escalations"]!.AsArray().ShouldBeEmpty("not sent before DFØ signs");
        before["proposedEscalations"]![0]!["onBehalfOf"]!.AsArray().Count.ShouldBe(2);

        (await Fixture.SendAsync("POST", $"{url}/escalations/{escalation}/cosign", Fixture.Token(Oslo, "coordinator"), """{"expectedVersion":4}""")).Status.ShouldBe(409);
        await Fixture.CommandAsync(Dfo, $"{url}/escalations/{escalation}/cosign", """{"expectedVersion":4}""", 200, "coordinator");
        var (_, after, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Oslo, "auditor"));
        after!["escalations"]!.AsArray().Single()!["onBehalfOf"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe([Oslo, Dfo]);
        after["proposedEscalations"]![0]!["outcome"]!.GetValue<string>().ShouldBe("taken");
    }

    public static TheoryData<string, string, string, string> BadDialogueCommands => new()
    {
        { "questionnaire due today", "questionnaires", """{"requirementSetId":"{set}","setVersion":1,"dueOn":"{today}","expectedVersion":4}""", "dueOn" },
        { "questionnaire from a version not adopted", "questionnaires", """{"requirementSetId":"{set}","setVersion":9,"expectedVersion":4}""", "setVersion" },
        { "response before the questionnaire was sent", "questionnaire-responses", """{"questionnaireId":"{questionnaire}","receivedOn":"2020-01-01","answers":[{"questionId":"Q1","value":"yes"}],"expectedVersion":4}""", "receivedOn" },
        { "answer to an unknown question", "questionnaire-responses", """{"questionnaireId":"{questionnaire}","receivedOn":"{today}","answers":[{"questionId":"Q99","value":"yes"}],"expectedVersion":4}""", "answers[0].questionId" },
        { "answer value not yes/no", "questionnaire-responses", """{"questionnaireId":"{questionnaire}","receivedOn":"{today}","answers":[{"questionId":"Q1","value":"maybe"}],"expectedVersion":4}""", "value" },
        { "unknown questionnaire", "questionnaire-responses", """{"questionnaireId":"0197a000-0000-7000-8000-000000000123","receivedOn":"{today}","answers":[{"questionId":"Q1","value":"yes"}],"expectedVersion":4}""", "questionnaireId" },
        { "meeting in the future", "meetings", """{"heldOn":"2999-01-01","participants":["Kari"],"minutes":"m","expectedVersion":4}""", "heldOn" },
        { "finding with unknown grade", "findings", """{"grade":"huge","code":"FL","description":"d","expectedVersion":4}""", "grade" },
        { "finding with unknown code", "findings", """{"grade":"major","code":"ZZ","description":"d","expectedVersion":4}""", "code" },
        { "escalation without rationale", "escalations", """{"step":"joint-letter","rationale":"","expectedVersion":4}""", "rationale" },
        { "joint letter signed by a non-participant", "escalations", """{"step":"joint-letter","rationale":"r","onBehalfOf":["958935420","916879067"],"expectedVersion":4}""", "onBehalfOf[1]" },
        { "invite an unknown organisation", "participants", """{"orgNumber":"999999999","expectedVersion":4}""", "orgNumber" },
    };

    [Theory]
    [MemberData(nameof(BadDialogueCommands))]
    public async Task bad_input_is_a_problem_naming_the_field_and_stores_nothing(string why, string path, string json, string field)
    {
        var set = await AdoptedSetAsync(Oslo);
        var (_, id) = await JointDialogueAsync();
        var sent = await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{id}/questionnaires", $$"""{"requirementSetId":"{{set}}","setVersion":1,"expectedVersion":3}""", 201);
        var questionnaire = sent["itemId"]!.GetValue<Guid>();
        var before = await EventCountAsync();

        var body = json.Replace("{set}", set.ToString(), StringComparison.Ordinal).Replace("{questionnaire}", questionnaire.ToString(), StringComparison.Ordinal)
            .Replace("{today}", Today(), StringComparison.Ordinal);
        var (status, problem, result) = await Fixture.SendAsync("POST", $"/api/supplier-dialogues/{id}/{path}", Fixture.Token(Oslo, "coordinator"), body);

        status.ShouldBeInRange(400, 499, why);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", why);
        problem!.ToJsonString().ShouldContain(field, Case.Insensitive, why);
        (await EventCountAsync()).ShouldBe(before, why);
    }

    [Fact]
    public async Task cap_and_extension_dates_in_the_wrong_order_are_refused()
    {
        var (_, id) = await JointDialogueAsync();
        var url = $"/api/supplier-dialogues/{id}";
        var finding = (await Fixture.CommandAsync(Oslo, $"{url}/findings", """{"grade":"minor","code":"WH","description":"overtime","expectedVersion":3}""", 201))["itemId"]!.GetValue<Guid>();
        var before = await EventCountAsync();
        var (past, problem, _) = await Fixture.SendAsync("POST", $"{url}/findings/{finding}/cap", Fixture.Token(Oslo), """{"actions":[{"description":"d","owner":"o","dueOn":"2020-01-01"}],"expectedVersion":4}""");
        past.ShouldBe(400);
        problem!["errors"]!["actions[0].dueOn"].ShouldNotBeNull();
        (await EventCountAsync()).ShouldBe(before);

        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap", $$"""{"actions":[{"description":"d","owner":"o","dueOn":"{{Today(30)}}"}],"expectedVersion":4}""", 201);
        await Fixture.CommandAsync(Dfo, $"{url}/findings/{finding}/cap/decision", """{"approve":true,"rationale":"ok","expectedVersion":5}""", 200);
        var action = (await Fixture.SendAsync("GET", url, Fixture.Token(Oslo))).Body!["findings"]![0]!["plans"]![0]!["actions"]![0]!["actionId"]!.GetValue<Guid>();
        before = await EventCountAsync();
        var (earlier, extensionProblem, _) = await Fixture.SendAsync("POST", $"{url}/findings/{finding}/cap/actions/{action}/extension", Fixture.Token(Oslo),
            $$"""{"newDueOn":"{{Today(5)}}","reason":"r","expectedVersion":6}""");
        earlier.ShouldBe(400);
        extensionProblem!["errors"]!["newDueOn"].ShouldNotBeNull();
        var (unverified, _, _) = await Fixture.SendAsync("POST", $"{url}/findings/{finding}/close", Fixture.Token(Oslo), """{"rationale":"r","expectedVersion":6}""");
        unverified.ShouldBe(409);
        (await EventCountAsync()).ShouldBe(before);
    }
}
