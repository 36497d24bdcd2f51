using System.Text.RegularExpressions;

namespace MedSpa.Core.Common;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency. The only money type in MedSpa.</summary>
public sealed partial record Money(long Amount, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static bool IsCurrencyCode(string? code) => code is not null && CurrencyPattern().IsMatch(code);

    public Money Add(Money other) => new(checked(Amount + Require(other).Amount), Currency);

    public Money Subtract(Money other) => new(checked(Amount - Require(other).Amount), Currency);

    /// <summary>A percentage of this amount, rounded half away from zero to the minor unit.</summary>
    public Money Percent(decimal percent) =>
        new((long)Math.Round(Amount * percent / 100m, MidpointRounding.AwayFromZero), Currency);

    private Money Require(Money other) =>
        other.Currency == Currency ? other : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");

    public override string ToString() => $"{Amount} {Currency} (minor units)";

    /// <summary>For people: "50.00 USD" (no decimals for currencies without a minor unit, such as JPY).</summary>
    public string ToDisplay() => ZeroDecimalCurrencies.Contains(Currency)
        ? $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}"
        : $"{(Amount / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {Currency}";

    private static readonly HashSet<string> ZeroDecimalCurrencies = ["JPY", "KRW", "VND", "CLP", "ISK", "XAF", "XOF", "UGX", "PYG", "RWF"];

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
