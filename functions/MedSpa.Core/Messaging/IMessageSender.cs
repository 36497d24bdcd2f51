namespace MedSpa.Core.Messaging;

/// <summary>
/// Sends one SMS or email through the provider (Azure Communication Services, or its local fake). The keys make a
/// repeat of the same send harmless: the provider answers the first send again rather than sending twice.
/// </summary>
public interface IMessageSender
{
    Task<SendOutcome> SendSmsAsync(SmsMessage message, CancellationToken ct = default);

    Task<SendOutcome> SendEmailAsync(EmailMessage message, CancellationToken ct = default);
}

/// <param name="To">E.164.</param>
/// <param name="RepeatabilityId">The same for every attempt of this message to this number.</param>
/// <param name="FirstSent">When the first attempt was made: sent unchanged with every retry.</param>
/// <param name="Tag">Our key for the message, echoed in its delivery report.</param>
public sealed record SmsMessage(string To, string Text, Guid RepeatabilityId, DateTimeOffset FirstSent, string Tag);

/// <param name="OperationId">The same for every attempt: a send already made under it is not made again.</param>
/// <param name="MayHaveBeenSent">An earlier attempt was made: look the operation up before sending (a look costs quota, so only then).</param>
public sealed record EmailMessage(string To, string? ToName, string Subject, string PlainText, Guid OperationId, IReadOnlyList<EmailAttachment> Attachments, bool MayHaveBeenSent);

public sealed record EmailAttachment(string Name, string ContentType, byte[] Content);

/// <summary>What came of a send.</summary>
public abstract record SendOutcome
{
    /// <summary>Taken by the provider (queued, not yet delivered): its id links the delivery report.</summary>
    public sealed record Accepted(string ProviderMessageId) : SendOutcome;

    /// <summary>Refused for good (a bad number, a blocked recipient): trying again would not help.</summary>
    public sealed record Refused(string Reason) : SendOutcome;

    /// <summary>Not now (throttled, the provider unavailable): try again later.</summary>
    public sealed record TryLater(string Reason, TimeSpan? After) : SendOutcome;
}
