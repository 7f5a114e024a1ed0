namespace EthicalIct.Api.InformationRequests;

/// <summary>
/// The deadlines of åpenhetsloven § 7 (docs/adr/0020), rule <see cref="RuleId"/>: an answer (or a refusal) at the latest
/// three weeks after the request was received — 21 calendar days, the same weekday three weeks later; weekends and
/// public holidays count and do not move the deadline. When answering within three weeks is disproportionately
/// burdensome, at the latest two months after receipt (the same date two months later, or the month's last day when
/// that month is shorter), provided the requester is told within the three weeks. <see cref="AnswerBy"/> is the last
/// working day on or before a deadline (Norwegian public holidays, <see cref="NorwegianCalendar"/>), so a deadline that
/// falls on a holiday is met the working day before.
/// </summary>
public static class RequestDeadlines
{
    public const string RuleId = "apenhetsloven-7-v1";

    public static DateOnly DueOn(DateOnly receivedOn) => receivedOn.AddDays(21);

    public static DateOnly LatestExtension(DateOnly receivedOn) => receivedOn.AddMonths(2);

    /// <summary>The last day the requester may be told of an extension: the three-week deadline.</summary>
    public static DateOnly NoticeBy(DateOnly receivedOn) => DueOn(receivedOn);

    public static DateOnly AnswerBy(DateOnly dueOn)
    {
        var day = dueOn;
        while (!NorwegianCalendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}

/// <summary>Norwegian public holidays (helligdager and the statutory 1 and 17 May): the fixed ones and those that move with Easter.</summary>
public static class NorwegianCalendar
{
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    public static bool IsPublicHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (5, 1) or (5, 17) or (12, 25) or (12, 26))
        {
            return true;
        }

        var easter = EasterSunday(day.Year);
        var offset = day.DayNumber - easter.DayNumber;
        return offset is -3 or -2 or 0 or 1 or 39 or 49 or 50;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }
}
