using JasperFx.CommandLine;

namespace EthicalIct.Api.Audit;

public class VerifyBundleInput
{
    [Description("The bundle file (JSON lines, as downloaded) to verify")]
    public string File { get; set; } = "";

    [Description("A public key (base64) obtained elsewhere, e.g. from /.well-known/ethicalict-checkpoint-key; default the bundle's own")]
    public string? KeyFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/EthicalIct.Api -- verify-bundle &lt;file&gt; [--key &lt;base64&gt;]</c>: checks an evidence
/// bundle offline (no database, no network); exit code 0 only when it holds.
/// </summary>
[Description("Verifies an evidence bundle offline", Name = "verify-bundle")]
public class VerifyBundleCommand : JasperFxCommand<VerifyBundleInput>
{
    public override bool Execute(VerifyBundleInput input)
    {
        if (!System.IO.File.Exists(input.File))
        {
            Console.Error.WriteLine($"No such file: {input.File}");
            return false;
        }

        var (holds, message) = Bundles.Verify(System.IO.File.ReadAllBytes(input.File), input.KeyFlag);
        Console.WriteLine(holds ? $"OK: {message}" : $"FAILED: {message}");
        return holds;
    }
}
