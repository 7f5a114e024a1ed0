using EthicalIct.Api.Demo;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using JasperFx;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
var builder = WebApplication.CreateBuilder(args);

builder.AddEthicalIctObservability();
builder.AddEthicalIctIdentity();
builder.AddEthicalIctMarten(await MartenSetup.ResolveConnectionStringAsync(builder, args));
builder.AddEthicalIctWolverine();
builder.AddEthicalIctEvidence();
builder.AddEthicalIctDialogues();
builder.AddEthicalIctDemo();
builder.Services.AddEthicalIctProblemDetails().AddEthicalIctHealth().AddEthicalIctOpenApi();

var app = builder.Build();
app.UseEthicalIctProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();
app.MapEthicalIctHealth();
app.MapEthicalIctOpenApi();
app.MapEthicalIctEndpoints();
app.PrintUrlsOnStart();

return await app.RunJasperFxCommands(args);

public partial class Program;
