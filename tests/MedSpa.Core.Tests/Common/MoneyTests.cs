namespace MedSpa.Core.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(90_000, 20, 18_000)]
    [InlineData(12_345, 10, 1_235)]
    [InlineData(12_344, 10, 1_234)]
    [InlineData(5, 50, 3)]
    public void A_percentage_rounds_half_away_from_zero_to_the_cent(long amount, int percent, long expected) =>
        new Money(amount, "USD").Percent(percent).Amount.ShouldBe(expected);

    [Fact]
    public void Amounts_in_different_currencies_do_not_mix() =>
        Should.Throw<InvalidOperationException>(() => new Money(100, "USD").Add(new Money(100, "EUR")));

    [Fact]
    public void Adding_and_subtracting_keep_minor_units_exact() =>
        new Money(1_999, "USD").Add(new Money(1, "USD")).Subtract(new Money(1_000, "USD")).ShouldBe(new Money(1_000, "USD"));

    [Theory]
    [InlineData("USD", true)]
    [InlineData("usd", false)]
    [InlineData("US", false)]
    [InlineData(null, false)]
    public void Currency_codes_are_three_capital_letters(string? code, bool valid) => Money.IsCurrencyCode(code).ShouldBe(valid);

    [Theory]
    [InlineData("Address.City", "address.city")]
    [InlineData("OpeningHours[0].Open", "openingHours[0].open")]
    [InlineData("Deposit.Amount.Amount", "deposit.amount.amount")]
    public void Validation_paths_become_the_json_paths_the_client_sent(string property, string path) =>
        FieldErrors.ToJsonPath(property).ShouldBe(path);
}
