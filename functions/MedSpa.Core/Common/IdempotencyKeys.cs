namespace MedSpa.Core.Common;

/// <summary>
/// The caller's key for a request that moves money (a payment, a refund, a gift card movement): the same key never
/// counts twice, so a retried request after a lost answer is safe. One rule for every such route.
/// </summary>
public static class IdempotencyKeys
{
    public const string Field = "idempotencyKey";

    public static bool IsValid(string? key) => key is { Length: >= 8 and <= 100 } && !key.Any(char.IsControl);

    public static string[] Message => ["A unique key of 8 to 100 characters (a UUID) for each payment, refund, card movement or email sent, so that a retry never counts twice."];
}
