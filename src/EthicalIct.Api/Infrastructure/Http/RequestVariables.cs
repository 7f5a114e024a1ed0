using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace EthicalIct.Api.Infrastructure.Http;

/// <summary>
/// Binds a parameter that every method of an endpoint may ask for (<c>Load</c>, <c>Validate</c>, the endpoint) to one
/// variable per request, created once by <paramref name="create"/>. So one request has one <c>now</c> and one
/// <c>caller</c>, whichever methods take them.
/// </summary>
public sealed class RequestVariableStrategy(Func<ParameterInfo, bool> matches, Func<Variable> create) : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        if (!matches(parameter))
        {
            variable = null;
            return false;
        }

        // Wolverine adds the creating frame to the chain's middleware; a second method asking for the same value
        // gets the variable that frame already creates.
        variable = chain.Middleware.SelectMany(f => f.Creates).FirstOrDefault(v => v.VariableType == parameter.ParameterType && v.Creator is RequestValueFrame)
                   ?? create();
        return true;
    }
}

/// <summary>A frame that creates one request-scoped value from a static factory taking the HttpContext or a service.</summary>
public sealed class RequestValueFrame : SyncFrame
{
    private readonly Type _sourceType;
    private readonly string _expression;
    private Variable? _source;

    /// <param name="type">The value's type.</param>
    /// <param name="name">The variable's name in generated code.</param>
    /// <param name="sourceType">What the value is made from: <c>HttpContext</c> or a singleton service.</param>
    /// <param name="expression">C# producing the value from the source, with <c>{0}</c> for the source variable.</param>
    public RequestValueFrame(Type type, string name, Type sourceType, string expression)
    {
        _sourceType = sourceType;
        _expression = expression;
        Variable = new Variable(type, name, this);
    }

    public Variable Variable { get; }

    public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
    {
        _source = chain.FindVariable(_sourceType);
        yield return _source;
    }

    public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
    {
        writer.Write($"var {Variable.Usage} = {string.Format(System.Globalization.CultureInfo.InvariantCulture, _expression, _source!.Usage)};");
        Next?.GenerateCode(method, writer);
    }
}

/// <summary>
/// <c>DateTimeOffset now</c> in message handlers: from the registered <see cref="TimeProvider"/>, like the endpoints'
/// (Wolverine's own source reads the system clock).
/// </summary>
public sealed class ClockVariableSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(DateTimeOffset);

    public Variable Create(Type type) => new RequestValueFrame(typeof(DateTimeOffset), "now", typeof(TimeProvider), "{0}.GetUtcNow()").Variable;
}

public static class RequestVariables
{
    /// <summary><c>DateTimeOffset now</c>: the request's one point in time, from the registered <see cref="TimeProvider"/>.</summary>
    public static RequestVariableStrategy Now() => new(
        p => p.ParameterType == typeof(DateTimeOffset) && p.Name == "now",
        () => new RequestValueFrame(typeof(DateTimeOffset), "now", typeof(TimeProvider), "{0}.GetUtcNow()").Variable);
}

/// <summary>The request's one "now" for the web pages (endpoints get theirs as the <c>now</c> parameter): read once from the injected clock.</summary>
public static class RequestClock
{
    private static readonly object Key = new();

    public static DateTimeOffset Now(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var value) && value is DateTimeOffset now)
        {
            return now;
        }

        now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Items[Key] = now;
        return now;
    }
}
