using MedSpa.Core.Payments;

namespace MedSpa.Functions.Billing;

/// <summary>What a page needs to pay the provider itself (a deposit, an invoice, a card to keep), written one way everywhere.</summary>
public static class PaymentProviderJson
{
    public static JsonObject From(PaymentClientSettings provider) => new()
    {
        ["name"] = provider.Provider,
        ["publishableKey"] = provider.PublishableKey,
        ["testMode"] = provider.IsTest,
        ["testApiBase"] = provider.TestApiBase,
    };
}
