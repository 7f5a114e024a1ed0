using System.Globalization;
using System.Text;

namespace EthicalIct.Reliability;

/// <summary>What one scenario measured and which promises it found broken.</summary>
public sealed class Result(string name, string fault)
{
    public string Name { get; } = name;

    public string Fault { get; } = fault;

    public List<(string Figure, string Value)> Figures { get; } = [];

    public List<string> Broken { get; } = [];

    public double Seconds { get; set; }

    public bool Passed => Broken.Count == 0;

    public void Add(string figure, object value) =>
        Figures.Add((figure, value switch
        {
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        }));

    /// <summary>Records a broken promise when <paramref name="holds"/> is false.</summary>
    public void Expect(bool holds, string promise)
    {
        if (!holds)
        {
            Broken.Add(promise);
        }
    }

    public string Text()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {Name}: {(Passed ? "PASSED" : "FAILED")} ({Seconds:0} s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"   fault: {Fault}");
        foreach (var (figure, value) in Figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   {figure}: {value}");
        }

        foreach (var broken in Broken)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   BROKEN: {broken}");
        }

        return text.ToString();
    }
}
