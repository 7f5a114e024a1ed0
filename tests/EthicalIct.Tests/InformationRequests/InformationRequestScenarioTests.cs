using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.InformationRequests;
using EthicalIct.Api.Organisations;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.InformationRequests;

/// <summary>EventModel.md, swimlane "Information requests" (IR): deadlines, the calendar, and each command's rules.</summary>
public class InformationRequestScenarioTests
{
    private const string Sykehus = "916879067";
    private const string Oslo = "958935420";
    private static readonly Guid RequestId = Guid.Parse("0197a000-0000-7000-8000-0000000a0001");
    private static readonly Caller Officer = new(Sykehus, Role.CaseOfficer, "siri@si", "Siri");
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);

    private static readonly PartySet Parties = new(
        [new Organisation(Oslo, "Oslo kommune", "Oslo", OrganisationType.Municipality), new Organisation(Sykehus, "Sykehusinnkjøp HF", "SI", OrganisationType.HealthTrust)], []);

    private static InformationRequest Received(DateOnly? on = null, RequestDirection direction = RequestDirection.Incoming, params object[] then)
    {
        var e = ReceiveInformationRequestEndpoint.Decide(new ReceiveInformationRequest(direction, RequestChannel.Email, "Which factories make your laptops?", "Kari Journalist",
            direction == RequestDirection.Outgoing ? Given.SupplierId : null, on ?? Today.AddDays(-5)), Context(), RequestId, Officer, Given.Now);
        var r = InformationRequest.Create(e);
        r.Version = 1;
        foreach (var x in then)
        {
            typeof(InformationRequest).GetMethod("Apply", [x.GetType()])!.Invoke(r, [x]);
            r.Version++;
        }

        return r;
    }

    private static ReceiveContext Context(SupplierDetails? supplier = null, RoutedInformationRequest? routed = null, bool taken = false) =>
        new(supplier ?? Given.SupplierView(Given.Registered()), routed, taken);

    [Theory]
    [InlineData("2026-11-30", "2026-12-21", "2026-12-21")] // the last day of a month: 21 days on, the same weekday
    [InlineData("2027-01-31", "2027-02-21", "2027-02-19")] // into a shorter month; due on a Sunday: answer by Friday
    [InlineData("2026-12-04", "2026-12-25", "2026-12-24")] // due on Christmas Day: answer by the 24th (a working day)
    [InlineData("2027-03-04", "2027-03-25", "2027-03-24")] // due on Maundy Thursday 2027
    [InlineData("2027-03-25", "2027-04-15", "2027-04-15")] // received on Maundy Thursday: Easter counts, the deadline does not move
    [InlineData("2027-04-26", "2027-05-17", "2027-05-14")] // due on Constitution Day (a Monday): answer by Friday
    public void IR1_1_the_deadline_is_three_weeks_of_calendar_days_and_answer_by_is_the_last_working_day_before_it(string received, string due, string answerBy)
    {
        var day = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        RequestDeadlines.DueOn(day).ShouldBe(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        RequestDeadlines.AnswerBy(RequestDeadlines.DueOn(day)).ShouldBe(DateOnly.Parse(answerBy, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-12-31", "2027-02-28")]
    [InlineData("2027-12-31", "2028-02-29")]
    [InlineData("2027-01-29", "2027-03-29")]
    public void IR1_2_an_extension_reaches_at_most_two_months_after_receipt(string received, string latest) =>
        RequestDeadlines.LatestExtension(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void IR1_3_the_calendar_knows_the_movable_and_fixed_holidays()
    {
        NorwegianCalendar.EasterSunday(2026).ShouldBe(new DateOnly(2026, 4, 5));
        NorwegianCalendar.EasterSunday(2027).ShouldBe(new DateOnly(2027, 3, 28));
        var holidays2026 = Enumerable.Range(0, 365).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).Where(NorwegianCalendar.IsPublicHoliday).ToList();
        holidays2026.ShouldBe([
            new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 5), new DateOnly(2026, 4, 6), new DateOnly(2026, 5, 1),
            new DateOnly(2026, 5, 14), new DateOnly(2026, 5, 17), new DateOnly(2026, 5, 24), new DateOnly(2026, 5, 25), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)]);
    }

    [Fact]
    public void IR2_1_a_request_is_received_with_its_deadline_and_its_overdue_check()
    {
        var cmd = new ReceiveInformationRequest(RequestDirection.Incoming, RequestChannel.WebForm, " Which factories? ", null, null, new DateOnly(2026, 10, 30));
        ReceiveInformationRequestEndpoint.Validate(cmd, Context(), Officer, Given.Now).ShouldPass();
        var e = ReceiveInformationRequestEndpoint.Decide(cmd, Context(), RequestId, Officer, Given.Now);
        e.ShouldBe(new InformationRequestReceived(RequestId, RequestDirection.Incoming, RequestChannel.WebForm, null, null, "Which factories?", new DateOnly(2026, 10, 30),
            new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), "apenhetsloven-7-v1", null, null, Officer.Actor, Given.Now));
        ReceiveInformationRequestEndpoint.Decide(cmd with { ReceivedOn = null }, Context(), RequestId, Officer, Given.Now).ReceivedOn.ShouldBe(Today);
    }

    [Fact]
    public void IR2_2_bad_requests_are_refused_naming_the_field()
    {
        ReceiveInformationRequestEndpoint.Validate(new ReceiveInformationRequest(RequestDirection.Incoming, RequestChannel.Email, " ", ReceivedOn: Today.AddDays(1)), Context(), Officer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["question", "receivedOn"]);
        ReceiveInformationRequestEndpoint.Validate(new ReceiveInformationRequest(RequestDirection.Outgoing, RequestChannel.Email, "q"), Context(), Officer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["supplierId"]);
        ReceiveInformationRequestEndpoint.Validate(new ReceiveInformationRequest(RequestDirection.Outgoing, RequestChannel.Email, "q", SupplierId: Guid.NewGuid()), new ReceiveContext(null, null, false), Officer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["supplierId"]);
        ReceiveInformationRequestEndpoint.Validate(new ReceiveInformationRequest(RequestDirection.Incoming, RequestChannel.Routed, "q"), Context(), Officer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["routedFromRequestId"]);
    }

    [Fact]
    public void IR3_1_an_extension_needs_a_reason_a_later_date_within_two_months_and_notice_within_three_weeks()
    {
        var r = Received(new DateOnly(2026, 11, 2));
        var ok = new ExtendInformationRequestDeadline(new DateOnly(2027, 1, 2), "forty factories to ask", new DateOnly(2026, 11, 20));
        ExtendInformationRequestDeadlineEndpoint.Validate(ok, r, Given.Now).ShouldPass();
        ExtendInformationRequestDeadlineEndpoint.Validate(ok with { NewDueOn = new DateOnly(2027, 1, 3) }, r, Given.Now).ShouldFail(400).Fields().ShouldBe(["newDueOn"]);
        ExtendInformationRequestDeadlineEndpoint.Validate(ok with { NewDueOn = new DateOnly(2026, 11, 23) }, r, Given.Now).ShouldFail(400).Fields().ShouldBe(["newDueOn"]);
        ExtendInformationRequestDeadlineEndpoint.Validate(ok with { NoticeSentOn = new DateOnly(2026, 11, 24), Reason = "" }, r, Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["reason", "noticeSentOn"]);
        var e = ExtendInformationRequestDeadlineEndpoint.Decide(ok, r, Officer, Given.Now);
        (e.PreviousDueOn, e.NewDueOn, e.AnswerBy).ShouldBe((new DateOnly(2026, 11, 23), new DateOnly(2027, 1, 2), new DateOnly(2026, 12, 31)), "2 January 2027 is a Saturday, 1 January a holiday");
    }

    [Fact]
    public void IR3_2_the_overdue_check_fires_once_and_not_after_an_extension_or_an_answer()
    {
        var r = Received(new DateOnly(2026, 11, 2));
        var check = new CheckInformationRequestOverdue(RequestId, r.DueOn);
        var overdue = InformationRequestOverdueHandler.Decide(check, r, Given.Now).Single().ShouldBeOfType<InformationRequestBecameOverdue>();
        overdue.By.ShouldBe(Actor.System);
        InformationRequestOverdueHandler.Decide(check, Received(new DateOnly(2026, 11, 2), RequestDirection.Incoming, overdue), Given.Now).ShouldBeEmpty("delivered twice");
        var extended = new InformationRequestDeadlineExtended(RequestId, r.DueOn, new DateOnly(2027, 1, 2), new DateOnly(2026, 12, 31), "r", new DateOnly(2026, 11, 20), Officer.Actor, Given.Now);
        InformationRequestOverdueHandler.Decide(check, Received(new DateOnly(2026, 11, 2), RequestDirection.Incoming, extended), Given.Now).ShouldBeEmpty("the old deadline");
        var answered = new InformationRequestAnswered(RequestId, "a", [], Today, false, Officer.Actor, Given.Now);
        InformationRequestOverdueHandler.Decide(check, Received(new DateOnly(2026, 11, 2), RequestDirection.Incoming, answered), Given.Now).ShouldBeEmpty();
    }

    [Fact]
    public void IR4_1_an_answer_records_the_evidence_and_whether_it_was_on_time()
    {
        var r = Received(Today.AddDays(-30));
        var cmd = new AnswerInformationRequest("We list our factories at …", [new EvidenceRef(" Factory list ", new string('A', 64))]);
        AnswerInformationRequestEndpoint.Validate(cmd, r, Given.Now).ShouldPass();
        var e = AnswerInformationRequestEndpoint.Decide(cmd, r, Officer, Given.Now);
        (e.OnTime, e.AnsweredOn, e.Evidence.Single()).ShouldBe((false, Today, new EvidenceRef("Factory list", new string('a', 64))));
        AnswerInformationRequestEndpoint.Decide(cmd with { AnsweredOn = r.DueOn }, r, Officer, Given.Now).OnTime.ShouldBeTrue();
        AnswerInformationRequestEndpoint.Validate(new AnswerInformationRequest("", [new EvidenceRef("x", "nothex")], r.ReceivedOn.AddDays(-1)), r, Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["answer", "answeredOn", "evidence[0].sha256"]);
        AnswerInformationRequestEndpoint.Validate(cmd, Received(then: e), Given.Now).ShouldFail(409).Extensions["requestStatus"].ShouldBe("answered");
    }

    [Fact]
    public void IR4_2_a_refusal_names_its_ground_and_an_outgoing_request_is_not_refused_by_the_asker()
    {
        var r = Received();
        RefuseInformationRequestEndpoint.Validate(new RefuseInformationRequest(RefusalGround.BusinessSecret, "prices are the supplier's secret"), r, Given.Now).ShouldPass();
        RefuseInformationRequestEndpoint.Decide(new RefuseInformationRequest(RefusalGround.BusinessSecret, " why "), r, Officer, Given.Now)
            .ShouldBe(new InformationRequestRefused(RequestId, RefusalGround.BusinessSecret, "why", Today, true, Officer.Actor, Given.Now));
        RefuseInformationRequestEndpoint.Validate(new RefuseInformationRequest(RefusalGround.PersonalData, "x"), Received(direction: RequestDirection.Outgoing), Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["direction"]);
    }

    [Fact]
    public void IR5_1_a_request_is_routed_to_another_party_which_takes_it_over_in_its_own_name()
    {
        var r = Received(new DateOnly(2026, 11, 2));
        RouteInformationRequestEndpoint.Validate(new RouteInformationRequest(Oslo, "their framework agreement"), r, Officer, Parties).ShouldPass();
        RouteInformationRequestEndpoint.Validate(new RouteInformationRequest(Sykehus, ""), r, Officer, Parties).ShouldFail(400).Fields().ShouldBe(["reason", "toOrg"]);
        var routed = RouteInformationRequestEndpoint.Decide(new RouteInformationRequest(Oslo, "their framework agreement"), r, Officer, Given.Now);
        (routed.Question, routed.Requester, routed.ReceivedOn).ShouldBe(("Which factories make your laptops?", "Kari Journalist", new DateOnly(2026, 11, 2)));
        AnswerInformationRequestEndpoint.Validate(new AnswerInformationRequest("a"), Received(new DateOnly(2026, 11, 2), RequestDirection.Incoming, routed), Given.Now).ShouldFail(409);

        var copy = new RoutedInformationRequestProjection().Create(routed);
        var oslo = new Caller(Oslo, Role.CaseOfficer, "ola@oslo", "Ola");
        var takeOver = new ReceiveInformationRequest(RequestDirection.Incoming, RequestChannel.Routed, RoutedFromRequestId: RequestId);
        ReceiveInformationRequestEndpoint.Validate(takeOver, Context(routed: copy), oslo, Given.Now).ShouldPass();
        ReceiveInformationRequestEndpoint.Validate(takeOver, Context(routed: copy), Officer, Given.Now).ShouldFail(400).Fields().ShouldBe(["routedFromRequestId"]);
        ReceiveInformationRequestEndpoint.Validate(takeOver, Context(routed: copy, taken: true), oslo, Given.Now).ShouldFail(409);
        var e = ReceiveInformationRequestEndpoint.Decide(takeOver, Context(routed: copy), Guid.NewGuid(), oslo, Given.Now);
        (e.Question, e.Requester, e.ReceivedOn, e.RoutedFromOrg, e.RoutedFromRequestId).ShouldBe(("Which factories make your laptops?", "Kari Journalist", Today, Sykehus, RequestId));
    }

    [Fact]
    public void IR6_1_the_log_counts_each_direction_and_the_on_time_share()
    {
        InformationRequestDetails Detail(RequestDirection d, RequestStatus s, bool? onTime, bool overdue = false) =>
            new() { Direction = d, Status = s, OnTime = onTime, Overdue = overdue };
        var line = InformationRequestQueries.Line(RequestDirection.Incoming, [
            Detail(RequestDirection.Incoming, RequestStatus.Answered, true), Detail(RequestDirection.Incoming, RequestStatus.Answered, true),
            Detail(RequestDirection.Incoming, RequestStatus.Refused, false), Detail(RequestDirection.Incoming, RequestStatus.Open, null, overdue: true),
            Detail(RequestDirection.Incoming, RequestStatus.Routed, null)]);
        line.ShouldBe(new RequestLogLine(RequestDirection.Incoming, 5, 2, 1, 1, 1, 1, 2, 1, 0.6667m));
        InformationRequestQueries.Line(RequestDirection.Outgoing, []).OnTimeShare.ShouldBeNull();
    }
}
