using System.Diagnostics;
using System.Globalization;
using EthicalIct.Api.Development;
using Npgsql;

namespace EthicalIct.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/EthicalIct.Benchmarks -- [--quick] [--output docs/benchmarks.md]</c>.
/// Every figure is measured against an anchor in the same run and reported with its ratio (issue #6).
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "serve-bare")
        {
            return await BareService.RunAsync(args[1], args[2..]);
        }

        var quick = args.Contains("--quick");
        var outputIndex = Array.IndexOf(args, "--output");
        var root = RepositoryRoot();
        var output = outputIndex >= 0 && outputIndex + 1 < args.Length ? args[outputIndex + 1] : Path.Combine(root, "docs", "benchmarks.md");
        var command = "dotnet run -c Release --project tests/EthicalIct.Benchmarks --" + (quick ? " --quick" : "") + (outputIndex >= 0 ? $" --output {args[outputIndex + 1]}" : "")
            + (args.Contains("--only") ? " --only p9" : "");
        var settings = quick ? Settings.Quick : Settings.Full;
        var total = Stopwatch.StartNew();

        var pg = await LocalPostgres.StartPersistentAsync(Path.Combine(root, ".local", "postgres"), "postgres");
        const string database = "ethicalict_bench";
        await using (var admin = new NpgsqlConnection(pg.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString(database)) { MaxPoolSize = 60 }.ConnectionString;
        var report = new Report(quick, command, root, settings.Warmup);
        await report.DescribeMachineAsync(cs);
        Console.WriteLine($"EthicalIct benchmarks ({(quick ? "quick" : "full")}) on PostgreSQL 127.0.0.1:{pg.Port}/{database}");

        if (Environment.GetEnvironmentVariable("BENCH_MODE") == "rebuild")
        {
            var events = int.Parse(Environment.GetEnvironmentVariable("BENCH_EVENTS") ?? "200000", CultureInfo.InvariantCulture);
            await Scenarios.RebuildAsync(cs, settings with { RebuildEvents = events }, report);
            Console.WriteLine($"REBUILD raw read {report.RawRead}");
            report.Rebuilds.ForEach(r => Console.WriteLine($"REBUILD {r}"));
            return 0;
        }

        // --only p9: the several-nodes figures alone, spliced into the existing report in place of its P9 section.
        if (args.Contains("--only") && args.Contains("p9"))
        {
            await ClusterBench.RunAsync(pg.ConnectionString("postgres"), root, settings, quick, report);
            var existing = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
            await File.WriteAllTextAsync(output, Splice(existing, report.ClusterMarkdown()));
            Console.WriteLine(report.ClusterMarkdown());
            return 0;
        }

        var profile = Array.IndexOf(args, "--profile");
        if (profile >= 0)
        {
            await using var service = await Scenarios.StartAsync(cs, root, settings, report);
            var seconds = args.Length > profile + 1 && int.TryParse(args[profile + 1], out var s) ? s : 30;
            var workers = args.Length > profile + 2 && int.TryParse(args[profile + 2], out var c) ? c : 16;
            if (Environment.GetEnvironmentVariable("BENCH_MODE") == "lag")
            {
                await service.ProfileAsync(TimeSpan.FromSeconds(1), workers);
                await service.ProjectionLagAsync(TimeSpan.FromSeconds(seconds));
                Console.WriteLine($"PROFILE lag {report.Lag}");
                return 0;
            }

            await service.ProfileAsync(TimeSpan.FromSeconds(seconds), workers);
            return 0;
        }

        await using (var scenarios = await Scenarios.StartAsync(cs, root, settings, report))
        {
            await scenarios.CommandPathAsync();
            await scenarios.ProjectionLagAsync();
            await scenarios.TimeTravelAsync();
            await scenarios.VerifyThroughputAsync();
            await scenarios.PartnerDeliveryAsync();
        }

        await Scenarios.SharedViewRebuildAsync(cs, root, settings, report);
        await Scenarios.FeedAtScaleAsync(cs, root, settings, report);
        await Scenarios.RebuildAsync(cs, settings, report);
        await ClusterBench.RunAsync(pg.ConnectionString("postgres"), root, settings, quick, report);
        report.NotLanded();
        report.Elapsed = total.Elapsed;
        await File.WriteAllTextAsync(output, report.ToMarkdown());
        Console.WriteLine(report.ToMarkdown());
        Console.WriteLine($"Written to {output} in {total.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s");
        if (pg.StartedHere)
        {
            await pg.StopAsync();
        }

        return 0;
    }

    /// <summary>Replaces the report's "## P9" section (up to the next "## " heading) or puts it before the profile.</summary>
    public static string Splice(string existing, string section)
    {
        var start = existing.IndexOf("\n## P9 ", StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return existing[..(start + 1)] + section + (end >= 0 ? existing[end..] : "");
        }

        var before = existing.IndexOf("\n## Profile of the command path", StringComparison.Ordinal) is var p and >= 0 ? p
            : existing.IndexOf("\n## Not measured yet", StringComparison.Ordinal);
        return before >= 0 ? existing[..(before + 1)] + section + existing[before..] : existing + "\n" + section;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EthicalIct.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from a clone of the repository.");
    }
}

public sealed record Settings(TimeSpan RunDuration, int[] Concurrency, TimeSpan LatencyDuration, int ArrivalRate, TimeSpan LagDuration, int RebuildEvents, int TimeTravelEvents,
    TimeSpan Warmup, int Rounds)
{
    /// <summary>The store's size for P5's feed page at scale (the service's own store, seeded up to it).</summary>
    public int FeedScaleEvents { get; init; } = 1_000_000;

    public static Settings Quick => new(TimeSpan.FromSeconds(2), [4, 16], TimeSpan.FromSeconds(3), 200, TimeSpan.FromSeconds(5), 20_000, 2_000, TimeSpan.FromSeconds(4), 1)
    {
        FeedScaleEvents = 60_000,
    };

    public static Settings Full => new(TimeSpan.FromSeconds(10), [4, 16], TimeSpan.FromSeconds(15), 200, TimeSpan.FromSeconds(60), 1_000_000, 10_000, TimeSpan.FromSeconds(120), 3);
}
