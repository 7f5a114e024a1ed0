using System.Text.Json.Serialization;

namespace EthicalIct.Api.ReferenceData;

/// <summary>Risk taxonomy (domain-research §5.7), aligned with the DFØ clause, ILO core conventions, RBA and Electronics Watch.</summary>
public enum RiskCode
{
    /// <summary>Forced labour, including state-imposed, bonded, prison labour and trafficking.</summary>
    [JsonStringEnumMemberName("FL")] FL,
    /// <summary>Child labour and young workers, including student and intern labour.</summary>
    [JsonStringEnumMemberName("CL")] CL,
    /// <summary>Working hours and excessive overtime.</summary>
    [JsonStringEnumMemberName("WH")] WH,
    /// <summary>Wages and benefits.</summary>
    [JsonStringEnumMemberName("WG")] WG,
    /// <summary>Health and safety.</summary>
    [JsonStringEnumMemberName("HS")] HS,
    /// <summary>Freedom of association and collective bargaining.</summary>
    [JsonStringEnumMemberName("FA")] FA,
    /// <summary>Discrimination and harassment.</summary>
    [JsonStringEnumMemberName("DI")] DI,
    /// <summary>Humane treatment.</summary>
    [JsonStringEnumMemberName("HT")] HT,
    /// <summary>Regular employment.</summary>
    [JsonStringEnumMemberName("RE")] RE,
    /// <summary>Fair recruitment and migrant workers.</summary>
    [JsonStringEnumMemberName("FR")] FR,
    /// <summary>Conflict and high-risk minerals.</summary>
    [JsonStringEnumMemberName("CM")] CM,
    /// <summary>Environment.</summary>
    [JsonStringEnumMemberName("EN")] EN,
    /// <summary>Business ethics and corruption.</summary>
    [JsonStringEnumMemberName("BE")] BE,
    /// <summary>Grievance mechanisms and retaliation.</summary>
    [JsonStringEnumMemberName("GR")] GR,
    /// <summary>Transparency and traceability failure.</summary>
    [JsonStringEnumMemberName("TR")] TR,
}

/// <summary>How the buyer is connected to the impact (UNGP 19, OECD).</summary>
public enum Connection
{
    [JsonStringEnumMemberName("cause")] Cause,
    [JsonStringEnumMemberName("contribute")] Contribute,
    [JsonStringEnumMemberName("directly-linked")] DirectlyLinked,
}

public enum Leverage
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}

public enum Priority
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>The derived priority of a scored risk; <see cref="Rank"/> orders the register (higher first).</summary>
public sealed record RiskPriority(int Severity, Priority Priority, int Rank);

/// <summary>
/// The priority rule (rule id <see cref="RuleId"/>, documented in EventModel.md). Severity dominates likelihood, as
/// the UN Guiding Principles ask: severity is the highest of the three sub-scores (scale, scope, irremediability),
/// because any one of them can make a harm severe, and an irremediable harm cannot be undone however unlikely it was.
/// <list type="bullet">
/// <item>critical: severity 5; or severity 4 and likelihood 3 or more</item>
/// <item>high: severity 4; or severity 3 and likelihood 4 or more</item>
/// <item>medium: severity 3; or severity 2 and likelihood 4 or more</item>
/// <item>low: everything else</item>
/// </list>
/// Rank = severity × 10 + likelihood, so within and across bands a more severe risk always sorts first.
/// </summary>
public static class PriorityRule
{
    public const string RuleId = "severity-dominates-v1";

    public static bool IsScore(int value) => value is >= 1 and <= 5;

    public static RiskPriority Derive(int scale, int scope, int irremediability, int likelihood)
    {
        if (!IsScore(scale) || !IsScore(scope) || !IsScore(irremediability) || !IsScore(likelihood))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "scores are 1 to 5");
        }

        var severity = Math.Max(scale, Math.Max(scope, irremediability));
        var priority = severity switch
        {
            5 => Priority.Critical,
            4 when likelihood >= 3 => Priority.Critical,
            4 => Priority.High,
            3 when likelihood >= 4 => Priority.High,
            3 => Priority.Medium,
            2 when likelihood >= 4 => Priority.Medium,
            _ => Priority.Low,
        };
        return new RiskPriority(severity, priority, (severity * 10) + likelihood);
    }
}
