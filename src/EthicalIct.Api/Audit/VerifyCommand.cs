using JasperFx.CommandLine;
using Marten;
using Npgsql;
using Spectre.Console;

namespace EthicalIct.Api.Audit;

public class VerifyInput : NetCoreInput
{
    [Description("First chain entry (ordinal) to verify, default 1")]
    public long FromFlag { get; set; } = 1;

    [Description("Last chain entry (ordinal) to verify, default the head")]
    public long? ToFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/EthicalIct.Api -- verify [--from N --to M]</c>: recomputes the hash chain from the events
/// table and prints the first position where anything disagrees; exit code 0 only when everything holds.
/// </summary>
[Description("Verifies the hash chain of the audit trail against the stored events", Name = "verify")]
public class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        using var host = input.BuildHost();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var schema = host.Services.GetRequiredService<IDocumentStore>().Options.Events.DatabaseSchemaName;
        Verification? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("verifying the chain", maxValue: 1);
            var progress = new Progress<(long Done, long Total)>(p => (task.MaxValue, task.Value) = (Math.Max(1, p.Total), p.Done));
            result = await ChainVerifier.VerifyAsync(dataSource, schema, input.FromFlag, input.ToFlag, progress, publicKey: host.Services.GetRequiredService<CheckpointSigner>().PublicKey);
            task.Value = task.MaxValue;
        });

        if (result!.Holds)
        {
            Console.WriteLine($"OK: {result.Checked} chain entries verified against the stored events; {result.Checkpoints} signed checkpoints match the log.");
            Console.WriteLine(result.Witnessed is { Count: > 0 } w ? $"Witnessed checkpoints (tree size: organisation): {string.Join(", ", w)}" : "No checkpoint has been witnessed by a party yet.");
            return true;
        }

        Console.WriteLine($"FAILED at chain entry {result.Ordinal?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}, position {result.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}: {result.Problem}");
        return false;
    }
}
