using EthicalIct.Api.Assessments;
using EthicalIct.Api.Audit;
using EthicalIct.Api.Development;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.InformationRequests;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Infrastructure.Http;
using EthicalIct.Api.Contracts;
using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Partners;
using EthicalIct.Api.Requirements;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SharedView;
using EthicalIct.Api.Signals;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
using EthicalIct.Api.TransparencyAccounts;
using EthicalIct.Api.Web;
using JasperFx;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
var builder = WebApplication.CreateBuilder(args);

builder.AddEthicalIctObservability();
builder.AddEthicalIctIdentity();
var parties = builder.AddCooperation();
builder.AddEthicalIctMarten(await DevelopmentDatabase.ResolveConnectionStringAsync(builder, args), opts => opts.ConfigureCooperation(parties)
    .ConfigureSuppliers().ConfigureContracts().ConfigureAssessments().ConfigureEvidence().ConfigureRequirements().ConfigureSupplierDialogues().ConfigureRoundtables()
    .ConfigureDisclosures().ConfigureInformationRequests().ConfigureSignals().ConfigureTransparencyAccounts().ConfigureSharedView().ConfigureAudit().ConfigurePartners()
    .ConfigureCaseSnapshots().ConfigureDeadlines());
builder.AddEthicalIctWolverine().AddEthicalIctDeadlines();
builder.AddEthicalIctEvidence().AddEthicalIctDialogues().AddEthicalIctSharedView().AddEthicalIctAudit().AddEthicalIctCaseSnapshots()
    .AddEthicalIctPartners().AddEthicalIctDevelopment().AddEthicalIctWeb();
builder.Services.AddEthicalIctProblemDetails().AddEthicalIctHealth().AddEthicalIctOpenApi();

var app = builder.Build();
app.UseEthicalIctProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<RequestGuard>();
app.MapEthicalIctHealth();
app.MapCheckpointKey();
app.MapEthicalIctOpenApi();
app.MapEthicalIctEndpoints(o => o.UseEthicalIctIdentity());
app.MapEthicalIctWeb();
app.PrintUrlsOnStart();

return await app.RunJasperFxCommands(args);

public partial class Program;
