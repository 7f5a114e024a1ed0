using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EthicalIct.Api.Infrastructure;

public static class StartupBanner
{
    /// <summary>Prints the API, OpenAPI, reference and health URLs once the server listens.</summary>
    public static WebApplication PrintUrlsOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"""

                    EthicalIct is running.
                      API:               {address}/api
                      OpenAPI document:  {address}/openapi/v1.json
                      API reference:     {address}/scalar/v1
                      Health:            {address}/health/live  {address}/health/ready
                      Token (dev only):  dotnet run --project src/EthicalIct.Api -- token --org 958935420 --role coordinator
                    """);
            }
        });
        return app;
    }
}
