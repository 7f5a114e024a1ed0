using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;
using JasperFx.CommandLine;

namespace EthicalIct.Api.Development;

public class TokenInput : NetCoreInput
{
    [Description("Organisation number of the caller: 958935420 (Oslo kommune), 986252932 (DFØ) or 916879067 (Sykehusinnkjøp HF)")]
    public string OrgFlag { get; set; } = "";

    [Description("Role: coordinator, case-officer, auditor or partner")]
    public string RoleFlag { get; set; } = "coordinator";

    [Description("Subject (the person), default <role>@<org>")]
    public string? SubFlag { get; set; }

    [Description("Lifetime in hours, default 8")]
    public int HoursFlag { get; set; } = 8;
}

/// <summary>
/// <c>dotnet run --project src/EthicalIct.Api -- token --org 958935420 --role coordinator</c> prints a bearer token
/// signed with the development key. Refused outside Development; nothing mints tokens over HTTP.
/// </summary>
[Description("Prints a development bearer token for one of the three organisations", Name = "token")]
public class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var key = host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"];
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(key))
        {
            Console.Error.WriteLine("Development tokens exist only in the Development environment (Auth:DevSigningKey).");
            return false;
        }

        if (Caller.ParseConsumer(Caller.OrgNumberPrefix + input.OrgFlag) is null)
        {
            Console.Error.WriteLine("--org must be a 9-digit organisation number (the service admits the parties of the cooperation agreement)");
            return false;
        }

        if (Caller.ParseRole(input.RoleFlag) is null)
        {
            Console.Error.WriteLine("--role must be one of: coordinator, case-officer, auditor, partner");
            return false;
        }

        Console.WriteLine(DevTokens.Create(key, input.OrgFlag, input.RoleFlag, input.SubFlag, lifetime: TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }
}
