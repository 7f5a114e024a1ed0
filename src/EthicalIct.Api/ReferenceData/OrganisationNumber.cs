namespace EthicalIct.Api.ReferenceData;

/// <summary>Norwegian organisation numbers (Enhetsregisteret): nine digits, the last a modulus-11 check digit.</summary>
public static class OrganisationNumber
{
    private static readonly int[] Weights = [3, 2, 7, 6, 5, 4, 3, 2];

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 9 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (value[i] - '0') * Weights[i];
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == value[8] - '0';
    }
}
