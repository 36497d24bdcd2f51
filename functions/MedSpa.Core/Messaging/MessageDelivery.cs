using System.Security.Cryptography;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Messaging;

/// <summary>Whether an outbox message still has sending to do.</summary>
public enum OutboxState
{
    Pending,
    Done,
}

public enum DeliveryStatus
{
    /// <summary>Tried, not yet taken by the provider (a retry is due).</summary>
    Sending,

    /// <summary>Taken by the provider; its delivery report is awaited.</summary>
    Sent,

    Delivered,
    Failed,

    /// <summary>Not sent on purpose: no consent, no address, opted out. The detail says which.</summary>
    Skipped,
}

/// <summary>
/// One channel's send of an outbox message. The repeatability id and first-sent time are stored before the first
/// attempt and sent unchanged with every later one, so a crash between "sent" and "recorded" never sends twice.
/// </summary>
public sealed record MessageDelivery(
    CommunicationChannel Channel,
    string To,
    DeliveryStatus Status,
    Guid RepeatabilityId,
    DateTimeOffset FirstSentAt,
    int Attempts,
    string? ProviderMessageId,
    string? Detail,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinal => Status is not DeliveryStatus.Sending;

    /// <summary>The same id for the same message, channel and address, whoever computes it and however often.</summary>
    public static Guid RepeatabilityIdFor(string tenantId, string messageId, CommunicationChannel channel, string to)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenantId}\n{messageId}\n{channel}\n{to}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // a name-based (version 5 style) GUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    public static MessageDelivery Skipped(CommunicationChannel channel, string reason, DateTimeOffset now) =>
        new(channel, "", DeliveryStatus.Skipped, Guid.Empty, now, 0, null, reason, now);
}
