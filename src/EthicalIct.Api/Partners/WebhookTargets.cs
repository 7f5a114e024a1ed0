using System.Net;
using System.Net.Sockets;

namespace EthicalIct.Api.Partners;

/// <summary>
/// Webhook delivery settings (<c>Webhooks:*</c>): the retry schedule (seconds after each failed attempt; default the
/// Standard Webhooks schedule, 5 s … 24 h, about 75 hours in all), the request timeout (15 s) and the hosts allowed
/// although they resolve to a loopback, private, link-local or metadata address (none by default; tests allow 127.0.0.1).
/// </summary>
public sealed record WebhookSettings(IReadOnlyList<TimeSpan> RetrySchedule, TimeSpan Timeout, IReadOnlyList<string> AllowedHosts, double Jitter)
{
    public static readonly TimeSpan[] StandardSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
        TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    public bool IsAllowListed(string host) => AllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));

    public static WebhookSettings From(IConfiguration configuration)
    {
        var schedule = configuration.GetSection("Webhooks:RetrySeconds").Get<double[]>() is { Length: > 0 } seconds
            ? seconds.Select(TimeSpan.FromSeconds).ToArray()
            : StandardSchedule;
        return new WebhookSettings(schedule, TimeSpan.FromSeconds(configuration.GetValue("Webhooks:TimeoutSeconds", 15.0)),
            configuration.GetSection("Webhooks:AllowedHosts").Get<string[]>() ?? [], configuration.GetValue("Webhooks:Jitter", 0.2));
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based), with ± jitter; null when the schedule is spent.</summary>
    public TimeSpan? Backoff(int attempt, double random) =>
        attempt > RetrySchedule.Count ? null : RetrySchedule[attempt - 1] * (1 + Jitter * ((random * 2) - 1));
}

/// <summary>
/// SSRF defence for webhook targets: an address in a loopback, private, carrier-grade NAT, link-local (including the
/// cloud metadata address 169.254.169.254), unique-local, multicast or unspecified range is refused unless its host is
/// allow-listed. Checked at registration and again on the address actually connected to at delivery (DNS may change).
/// </summary>
public static class WebhookTargets
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                   || (b[0] == 100 && b[1] is >= 64 and <= 127) || (b[0] == 192 && b[1] == 0 && b[2] == 0);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
    }

    /// <summary>The addresses a host resolves to, or the reason it is refused.</summary>
    public static async Task<(IPAddress[] Addresses, string? Refused)> ResolveAsync(string host, WebhookSettings settings, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException e)
        {
            return ([], $"the host {host} does not resolve ({e.SocketErrorCode})");
        }

        if (addresses.Length == 0)
        {
            return ([], $"the host {host} does not resolve");
        }

        return !settings.IsAllowListed(host) && addresses.FirstOrDefault(IsForbidden) is { } forbidden
            ? (addresses, $"the host {host} resolves to {forbidden}, a loopback, private, link-local or metadata address")
            : (addresses, null);
    }

    /// <summary>The HTTP handler of webhook deliveries: no redirects, and every connection checked on the address it goes to.</summary>
    public static SocketsHttpHandler Handler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var (addresses, refused) = await ResolveAsync(context.DnsEndPoint.Host, settings, ct);
            if (refused is not null)
            {
                throw new HttpRequestException($"Refused webhook target: {refused}.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
