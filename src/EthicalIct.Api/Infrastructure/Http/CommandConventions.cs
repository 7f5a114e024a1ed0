using JasperFx;
using JasperFx.Core.Reflection;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Events;
using Wolverine.Http;

namespace EthicalIct.Api.Infrastructure.Http;

/// <summary>
/// What every command needs, applied once to every endpoint instead of being written into each one
/// (docs/adr/0005):
/// <list type="bullet">
/// <item>a JSON <c>null</c> as the whole body is a 400 problem, never a null command, and so is a string the database
/// cannot store (<see cref="StorableInput"/>);</item>
/// <item>a command on an existing stream states the version it read (<see cref="ExpectedVersion"/>), checked after the
/// slice's own <c>Validate</c> (so a caller who may not see the stream learns nothing from a version answer);</item>
/// <item>an <c>Idempotency-Key</c> is honoured by Wolverine's deduplicated responses, claimed inside the command's
/// own transaction.</item>
/// </list>
/// </summary>
public sealed class CommandConventions : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(IsCommand))
        {
            RequireBody(chain);
            RequireExpectedVersion(chain);
            if (chain.ResourceType is { } resource && resource != typeof(void) && !chain.Method.Method.IsDefined(typeof(RawBodyUploadAttribute), false))
            {
                chain.DeduplicatedWithResponse = new DeduplicatedWithResponseRequirement
                {
                    Scope = DeduplicationScope.Tenant,
                    Required = false,
                    ClaimInTransaction = true,
                };
            }
        }
    }

    public static bool IsCommand(HttpChain chain) => !chain.HttpMethods.All(m => m is "GET" or "HEAD");

    /// <summary>The variable of the event stream the endpoint appends to, when it works on an existing stream.</summary>
    public static Variable? StreamVariable(HttpChain chain) =>
        chain.Middleware.SelectMany(f => f.Creates).FirstOrDefault(v =>
            v.VariableType.IsGenericType && v.VariableType.GetGenericTypeDefinition() == typeof(IEventStream<>));

    private static Variable? BodyVariable(HttpChain chain) =>
        chain.RequestType is { } type && type != typeof(void)
            ? chain.Middleware.SelectMany(f => f.Creates).FirstOrDefault(v => v.VariableType == type)
            : null;

    private static void RequireBody(HttpChain chain)
    {
        if (BodyVariable(chain) is not { Creator: { } reader } body)
        {
            return;
        }

        chain.Middleware.Insert(chain.Middleware.IndexOf(reader) + 1, new StopWithProblemFrame(body, null,
            $"{body.Usage} == null ? {typeof(Problems).FullNameInCode()}.{nameof(Problems.NullBody)}() : {typeof(StorableInput).FullNameInCode()}.{nameof(StorableInput.Check)}({body.Usage})"));
    }

    private static void RequireExpectedVersion(HttpChain chain)
    {
        if (StreamVariable(chain) is not { Creator: { } loader } stream)
        {
            return;
        }

        // A write model's snapshot is only rewritten by the events it applies, so its Version can lag behind the
        // stream; the stream's own version is the truth.
        if (typeof(IWriteModel).IsAssignableFrom(stream.VariableType.GetGenericArguments()[0]))
        {
            chain.Middleware.Insert(chain.Middleware.IndexOf(loader) + 1, new CodeFrame(stream,
                $"if ({stream.Usage}.Aggregate != null) {stream.Usage}.Aggregate.{nameof(IWriteModel.Version)} = {stream.Usage}.CurrentVersion ?? 0;"));
        }

        var body = BodyVariable(chain);
        var fromBody = body is not null && body.VariableType.GetProperty(nameof(ExpectedVersion)) is { } p && p.PropertyType == typeof(long?)
            ? $"{body.Usage}.{nameof(ExpectedVersion)}"
            : "null";
        chain.Middleware.Add(new StopWithProblemFrame(stream, null,
            $"{typeof(ExpectedVersion).FullNameInCode()}.{nameof(ExpectedVersion.Check)}(httpContext, {stream.Usage}.{nameof(IEventStream<object>.Id)}, {fromBody}, {stream.Usage}.{nameof(IEventStream<object>.CurrentVersion)} ?? 0)"));
    }
}

/// <summary>Generated code: one statement.</summary>
public sealed class CodeFrame : SyncFrame
{
    private readonly string _code;

    public CodeFrame(Variable uses, string code)
    {
        this.uses.Add(uses);
        _code = code;
    }

    public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
    {
        writer.Write(_code);
        Next?.GenerateCode(method, writer);
    }
}

/// <summary>
/// Generated code: evaluates a <c>ProblemDetails?</c> expression (when <c>condition</c> holds, if given) and, when it
/// is not null, writes it as the response and stops.
/// </summary>
public sealed class StopWithProblemFrame : AsyncFrame
{
    private static int _counter;
    private readonly string? _condition;
    private readonly string _problem;
    private readonly string _name = $"stopProblem{Interlocked.Increment(ref _counter)}";
    private Variable? _context;

    public StopWithProblemFrame(Variable uses, string? condition, string problem)
    {
        this.uses.Add(uses);
        _condition = condition;
        _problem = problem;
    }

    public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
    {
        _context = chain.FindVariable(typeof(HttpContext));
        yield return _context;
    }

    public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
    {
        var problem = _problem.Replace("httpContext", _context!.Usage, StringComparison.Ordinal);
        writer.Write($"var {_name} = {(_condition is null ? problem : $"{_condition} ? {problem} : null")};");
        writer.Write($"BLOCK:if ({_name} != null)");
        writer.Write($"await {typeof(HttpHandler).FullNameInCode()}.{nameof(HttpHandler.WriteProblems)}({_name}, {_context.Usage}).ConfigureAwait(false);");
        writer.Write("return;");
        writer.FinishBlock();
        Next?.GenerateCode(method, writer);
    }
}
