using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.Contracts;

public static class ContractRules
{
    /// <summary>The largest annual value accepted (NOK): above any framework agreement of the three.</summary>
    public const decimal MaxAnnualValueNok = 1_000_000_000_000m;

    public static IEnumerable<FieldError> Value(decimal value, string field = "annualValueNok")
    {
        if (value <= 0 || value > MaxAnnualValueNok)
        {
            yield return new(field, "must be more than 0 and at most 1,000,000,000,000 NOK");
        }
        else if (decimal.Round(value, 2) != value)
        {
            yield return new(field, "at most two decimals (øre)");
        }
    }
}
