namespace EthicalIct.Api.Development;

/// <summary>
/// In Development without <c>Audit:SigningKey</c>: a checkpoint key generated on first run and kept in
/// <c>.local/audit-signing.key</c> beside the local PostgreSQL (not in git), so checkpoints verify across restarts.
/// </summary>
public static class DevelopmentSigningKey
{
    public static WebApplicationBuilder AddDevelopmentSigningKey(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || builder.Configuration["Audit:SigningKey"] is { Length: > 0 })
        {
            return builder;
        }

        for (var dir = new DirectoryInfo(builder.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EthicalIct.sln")))
            {
                var file = Path.Combine(dir.FullName, ".local", "audit-signing.key");
                if (!File.Exists(file))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    File.WriteAllText(file, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                }

                builder.Configuration["Audit:SigningKey"] = File.ReadAllText(file).Trim();
                break;
            }
        }

        return builder;
    }
}
