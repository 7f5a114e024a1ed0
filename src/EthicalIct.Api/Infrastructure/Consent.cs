namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// The rules every proposal that waits for another organisation's answer shares (docs/adr/0013): how long it
/// stands, whether it still stands, and whether a scheduled expiry check is due.
/// </summary>
public static class Consent
{
    /// <summary>How long a named organisation has to answer.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromDays(14);

    /// <summary>When a proposal made now expires: after <see cref="AnswerWithin"/>, or earlier if the matter is due earlier.</summary>
    public static DateTimeOffset Expiry(DateTimeOffset now, DateTimeOffset? notLaterThan = null) =>
        notLaterThan is { } limit && limit < now + AnswerWithin ? limit : now + AnswerWithin;

    /// <summary>The proposal (its expiry, or null when there is none) still waits for an answer.</summary>
    public static bool Stands(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } e && now < e;

    /// <summary>
    /// A scheduled expiry check is due: the proposal it was scheduled for still waits (not answered, not asked again
    /// since), and its time has come. Delivering a check twice is therefore harmless.
    /// </summary>
    public static bool ExpiresNow(DateTimeOffset? expiresAt, DateTimeOffset scheduledFor, DateTimeOffset now) =>
        expiresAt == scheduledFor && now >= scheduledFor;

    /// <summary>The expiry of the proposal to <paramref name="key"/>, or null when none waits.</summary>
    public static DateTimeOffset? ExpiryOf<TKey>(this IReadOnlyDictionary<TKey, DateTimeOffset> waiting, TKey key)
        where TKey : notnull =>
        waiting.TryGetValue(key, out var expiresAt) ? expiresAt : null;
}
