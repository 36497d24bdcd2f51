using MedSpa.Core.Common;
using MedSpa.Core.Payments;

namespace MedSpa.Infrastructure.Payments;

/// <summary>
/// SIMULATED payments, for local runs and tests until the Stripe adapter lands. No money moves. Stripe's own test
/// cards behave as documented: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined; anything that fails
/// the card checks a provider makes (Luhn, expiry, CVC) is refused before it reaches "the provider".
/// </summary>
public sealed class SimulatedPaymentGateway(IDocumentStore store) : IPaymentGateway
{
    private const string Container = Partitions.Payments;

    public string Kind => "simulated";

    public async Task<DepositIntent> RequestDepositAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default)
    {
        var id = IntentId(appointmentId);
        if (await store.ReadAsync<DepositIntent>(Container, tenantId, id, ct) is { } existing)
        {
            return existing.Body;
        }

        try
        {
            return (await store.CreateAsync(Container, tenantId, id, new DepositIntent(id, tenantId, appointmentId, amount, DepositIntent.AwaitingPayment), ct)).Body;
        }
        catch (DocumentConflictException)
        {
            return (await store.ReadAsync<DepositIntent>(Container, tenantId, id, ct))!.Body;
        }
    }

    public async Task<Result<DepositSettled>> PayAsync(string tenantId, string appointmentId, CardDetails card, CancellationToken ct = default)
    {
        var digits = new string((card.CardNumber ?? "").Where(char.IsDigit).ToArray());
        var errors = new Dictionary<string, string[]>();
        if (digits.Length is < 12 or > 19 || !PassesLuhn(digits))
        {
            errors["cardNumber"] = ["Enter a valid card number."];
        }

        if (!IsFutureExpiry(card.Expiry))
        {
            errors["expiry"] = ["Enter a future expiry as MM/YY."];
        }

        if (card.Cvc is not { Length: 3 or 4 } cvc || !cvc.All(char.IsDigit))
        {
            errors["cvc"] = ["Enter the 3 or 4 digit security code."];
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var found = await store.ReadAsync<DepositIntent>(Container, tenantId, IntentId(appointmentId), ct);
        if (found is null)
        {
            return new Error.NotFound("No deposit is awaited for this appointment.");
        }

        var declined = digits == "4000000000000002";
        var settled = found.Body.Settle(declined, "Your card was declined.");
        if (!settled.IsSuccess)
        {
            return settled.Error!;
        }

        var intent = settled.Value!;
        if (intent != found.Body)
        {
            try
            {
                await store.ReplaceAsync(Container, tenantId, found.Id, intent, found.ETag, ct);
            }
            catch (DocumentStaleException)
            {
                return new Error.Conflict("A payment for this deposit is already in progress.");
            }
        }

        return new DepositSettled(appointmentId, intent.Status == DepositIntent.Succeeded, intent.FailureReason);
    }

    public async Task<DepositClosed> CloseDepositAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var found = await store.ReadAsync<DepositIntent>(Container, tenantId, IntentId(appointmentId), ct);
            if (found is null)
            {
                try
                {
                    var voided = new DepositIntent(IntentId(appointmentId), tenantId, appointmentId, amount, DepositIntent.Voided);
                    await store.CreateAsync(Container, tenantId, voided.Id, voided, ct);
                    return new DepositClosed(DepositIntent.Voided, null);
                }
                catch (DocumentConflictException)
                {
                    continue; // Requested meanwhile: close that one.
                }
            }

            var closed = found.Body.Close();
            try
            {
                if (closed != found.Body)
                {
                    await store.ReplaceAsync(Container, tenantId, found.Id, closed, found.ETag, ct);
                }

                return new DepositClosed(closed.Status, closed.Status == DepositIntent.Refunded ? closed.Amount : null);
            }
            catch (DocumentStaleException)
            {
                // A payment landed meanwhile: close again from what it left.
            }
        }

        throw new InvalidOperationException($"The deposit for {appointmentId} kept changing while it was being closed.");
    }

    private static string IntentId(string appointmentId) => $"pi_sim_{appointmentId}";

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static bool IsFutureExpiry(string? expiry)
    {
        if (expiry is not { Length: 5 } || expiry[2] != '/' || !int.TryParse(expiry[..2], out var month) || !int.TryParse(expiry[3..], out var year) || month is < 1 or > 12)
        {
            return false;
        }

        var lastDay = new DateTime(2000 + year, month, 1).AddMonths(1);
        return lastDay > DateTime.UtcNow;
    }
}
