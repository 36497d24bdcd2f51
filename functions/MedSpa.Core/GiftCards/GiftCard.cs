using System.Security.Cryptography;
using System.Text;

namespace MedSpa.Core.GiftCards;

/// <summary>
/// A gift card's code: 16 characters from an alphabet without 0/O and 1/I (easy to read aloud and type), 80 random bits,
/// written in fours (ABCD-EFGH-JKLM-NPQR). Stored only as a hash: the code itself is the bearer's secret.
/// </summary>
public static class GiftCardCode
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // 32 symbols: 5 bits each

    public static string New()
    {
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}";
    }

    /// <summary>What was typed, as the code: upper case, without spaces or dashes; null when it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        var compact = new string((typed ?? "").Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return compact.Length == 16 && compact.All(Alphabet.Contains) ? compact : null;
    }

    /// <summary>The id the card is stored under: a hash of the code and the clinic (a leaked store reveals no codes).</summary>
    public static string IdFor(string tenantId, string normalized) =>
        "giftcard-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}:{normalized}")))[..40];

    public static string Last4(string normalized) => normalized[^4..];
}

/// <summary>
/// A gift card: who it is for, its currency and optional expiry. Its balance is never stored: it is the sum of its
/// movements, paid value and promotional bonus kept apart (only paid value is owed to the bearer).
/// </summary>
public sealed record GiftCard(
    string Id,
    string TenantId,
    string Last4,
    string Currency,
    string? RecipientName,
    string? RecipientEmail,
    string? Message,
    DateOnly? ExpiresOn,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string? TransferredTo = null)
{
    public string Kind => "gift-card";

    public bool ExpiredOn(DateOnly today) => ExpiresOn is { } last && today > last;
}

public enum GiftCardMovementType
{
    Issue,
    Reload,
    Redeem,
    TransferOut,
    TransferIn,

    /// <summary>Value given back to the card: a redemption the invoice refused, or a refund of what the card paid.</summary>
    Returned,
}

/// <summary>
/// One movement of a card's value, appended and never changed, numbered 1, 2, 3… (each number taken by creating its
/// document, so two redemptions at once can never both spend the same balance). Paid and bonus parts are signed:
/// positive adds value, negative takes it.
/// </summary>
/// <param name="Reference">The invoice a redemption paid, or the card a transfer moved the value to or from.</param>
public sealed record GiftCardMovement(
    string Id,
    string TenantId,
    string GiftCardId,
    int Sequence,
    GiftCardMovementType Type,
    long Paid,
    long Bonus,
    string Key,
    string? Reference,
    DateTimeOffset At,
    string By)
{
    public string Kind => "gift-card-movement";

    public static string IdFor(string giftCardId, int sequence) => $"{giftCardId}-m{sequence:D4}";
}

/// <summary>A card's value now: paid, bonus, and their sum.</summary>
public sealed record GiftCardBalance(long Paid, long Bonus)
{
    public long Total => Paid + Bonus;

    public static GiftCardBalance Of(IEnumerable<GiftCardMovement> movements)
    {
        var all = movements.ToList();
        return new GiftCardBalance(all.Sum(m => m.Paid), all.Sum(m => m.Bonus));
    }

    /// <summary>Spends <paramref name="amount"/>: the promotional bonus first (it is not owed), then paid value.</summary>
    public (long Paid, long Bonus) Spend(long amount)
    {
        var bonus = Math.Min(Bonus, amount);
        return (amount - bonus, bonus);
    }
}
