using System.Diagnostics;
using System.Globalization;
using System.Text;
using EthicalIct.Api.Development;

namespace EthicalIct.Reliability;

/// <summary>
/// The fault-injection harness (issue #15, docs/reliability.md):
/// <c>dotnet run -c Release --project tests/EthicalIct.Reliability -- [--full] [--scenarios 1,2,…] [--break idempotency] [--output docs/reliability.md]</c>.
/// Starts its own PostgreSQL (durable commits), runs each scenario against the service as a separate process, prints
/// the figures and exits 1 when any promise is broken. <c>--break idempotency</c> switches the idempotency record off in
/// the service, so that a run shows the harness noticing a command stored twice.
/// </summary>
public static class ReliabilityMain
{
    private static readonly Func<LocalPostgres, Options, Task<Result>>[] All =
    [
        Scenarios.KillAsync, Scenarios.DatabaseStopAsync, Scenarios.DatabaseFreezeAsync, Scenarios.RollbacksAsync, Scenarios.ReceiverDownAsync,
        Scenarios.KillMidPageAsync, ClusterScenario.NodeLostAsync,
    ];

    public static async Task<int> Main(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var options = new Options(
            args.Contains("--full"),
            Value("--scenarios") is { } list ? [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [1, 2, 3, 4, 5, 6, 7],
            Value("--break"),
            Value("--output"));
        if (options.Break is not null and not "idempotency")
        {
            Console.Error.WriteLine("--break takes: idempotency");
            return 2;
        }

        var command = "dotnet run -c Release --project tests/EthicalIct.Reliability --" + (args.Length > 0 ? " " + string.Join(' ', args) : "");
        Console.WriteLine($"EthicalIct reliability harness ({(options.Full ? "full" : "short")}{(options.Break is { } b ? $", {b} broken on purpose" : "")}): scenarios {string.Join(", ", options.Scenarios)}");
        var pg = await LocalPostgres.StartThrowawayAsync(durable: true);
        var results = new List<Result>();
        var total = Stopwatch.StartNew();
        try
        {
            foreach (var n in options.Scenarios)
            {
                var watch = Stopwatch.StartNew();
                Result result;
                try
                {
                    result = await All[n - 1](pg, options);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException)
                {
                    result = new Result($"{n}. (did not finish)", "");
                    result.Expect(false, $"the scenario could not finish: {e.GetType().Name}: {e.Message}");
                }

                result.Seconds = watch.Elapsed.TotalSeconds;
                results.Add(result);
                Console.WriteLine(result.Text());
            }
        }
        finally
        {
            await pg.StopAndDeleteAsync();
        }

        var passed = results.All(r => r.Passed);
        Console.WriteLine($"{results.Count(r => r.Passed)} of {results.Count} scenarios kept every promise ({total.Elapsed.TotalMinutes:0.0} min)");
        if (options.Output is { } output)
        {
            // A run's figures replace whatever followed the marker (the text before it is the document's own); a run with a
            // promise broken on purpose is added after them.
            const string marker = "<!-- figures: written by the harness below this line -->";
            var existing = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
            var head = options.Break is not null && existing.Contains(marker, StringComparison.Ordinal) ? existing.TrimEnd()
                : existing.Contains(marker, StringComparison.Ordinal) ? existing[..(existing.IndexOf(marker, StringComparison.Ordinal) + marker.Length)] : marker;
            var text = options.Break is null && options.Scenarios.Count < All.Length && existing.Contains(marker, StringComparison.Ordinal)
                ? Replace(existing, results, command)
                : head + "\n\n" + Markdown(results, options, command, total.Elapsed);
            await File.WriteAllTextAsync(output, text);
            Console.WriteLine($"written to {output}");
        }

        return passed ? 0 : 1;
    }

    /// <summary>A run of some scenarios replaces their sections in the figures already written, and says so under each.</summary>
    private static string Replace(string existing, IReadOnlyList<Result> results, string command)
    {
        foreach (var r in results)
        {
            var section = Section(r).TrimEnd() + $"\n\n(This scenario re-run on its own at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: `{command}`.)\n\n";
            var number = r.Name.Split(' ')[0];
            var start = existing.IndexOf($"### {number} ", StringComparison.Ordinal);
            if (start < 0)
            {
                // A scenario new to the document: after the last scenario of the first run (before a run broken on purpose).
                var run = existing.IndexOf("\n## Run of ", StringComparison.Ordinal);
                var next = run < 0 ? -1 : existing.IndexOf("\n## ", run + 1, StringComparison.Ordinal);
                existing = next < 0 ? existing.TrimEnd() + "\n\n" + section : existing[..(next + 1)] + section + existing[(next + 1)..];
                continue;
            }

            var end = existing.IndexOf("\n### ", start + 4, StringComparison.Ordinal) is var e && e >= 0 ? e + 1
                : existing.IndexOf("\n## ", start, StringComparison.Ordinal) is var f && f >= 0 ? f + 1 : existing.Length;
            existing = existing[..start] + section + existing[end..];
        }

        return existing;
    }

    private static string Section(Result r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### {r.Name}: {(r.Passed ? "passed" : "**FAILED**")} ({r.Seconds:0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Fault: {r.Fault}.");
        md.AppendLine();
        md.AppendLine("| Figure | Value |");
        md.AppendLine("|---|---|");
        foreach (var (figure, value) in r.Figures.Where(f => f.Figure != "ledger"))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        foreach (var broken in r.Broken)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| **broken** | {broken.Replace("\n", "<br>", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    private static string Markdown(IReadOnlyList<Result> results, Options options, string command, TimeSpan total)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Run of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC ({(options.Full ? "full" : "short")}{(options.Break is { } b ? $", {b} broken on purpose" : "")})");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`{command}` — {Environment.ProcessorCount} cores, {total.TotalMinutes:0.0} min, {results.Count(r => r.Passed)} of {results.Count} scenarios passed.");
        md.AppendLine();
        foreach (var r in results)
        {
            md.Append(Section(r));
        }

        return md.ToString();
    }
}
