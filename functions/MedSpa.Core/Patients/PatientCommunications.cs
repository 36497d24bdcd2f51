using FluentValidation;

namespace MedSpa.Core.Patients;

public enum CommunicationChannel
{
    Email,
    Sms,
    Phone,
    InPerson,
    Note,
}

public enum CommunicationDirection
{
    Outbound,
    Inbound,
}

/// <summary>One contact with a patient: what the clinic sent (recorded by the system) or what staff logged (a call, a visit).</summary>
public sealed record CommunicationEntry(
    string Id, string TenantId, string PatientId, DateTimeOffset At, CommunicationChannel Channel, CommunicationDirection Direction,
    string Subject, string? Body, string By, string? ByRole)
{
    public const string DocumentKind = "communication";

    public string Kind => DocumentKind;

    /// <summary>For a message the clinic sent: where it is (queued, sending, sent, delivered, failed, skipped) and why, when not sent.</summary>
    public Messaging.DeliveryStatus? Delivery { get; init; }

    public string? DeliveryDetail { get; init; }
}

/// <summary>What staff log after talking to a patient.</summary>
public sealed record NewCommunication(CommunicationChannel Channel, CommunicationDirection Direction, string? Subject, string? Body);

public sealed class NewCommunicationValidator : AbstractValidator<NewCommunication>
{
    public NewCommunicationValidator()
    {
        RuleFor(c => c.Channel).IsInEnum().WithMessage("One of email, sms, phone, inPerson or note.");
        RuleFor(c => c.Direction).IsInEnum().WithMessage("outbound or inbound.");
        RuleFor(c => c.Subject).NotEmpty().WithMessage("Required: what it was about.").MaximumLength(200).WithMessage("At most 200 characters.").Name();
        RuleFor(c => c.Body).MaximumLength(4000).WithMessage("At most 4000 characters.").Text();
    }
}

/// <summary>
/// A patient's communication log: every message the clinic sent them (the notices the system records) and every
/// contact staff logged, newest first. Whoever may open the record may read it; staff who may open it may log one.
/// Entries are never changed: a correction is a new entry.
/// </summary>
public sealed class PatientCommunications(IDocumentStore store, PatientAccess access, Notifications.PatientNoticeStore notices, TimeProvider clock)
{
    private static readonly NewCommunicationValidator Validator = new();

    public async Task<Result<IReadOnlyList<CommunicationEntry>>> ReadAsync(Caller caller, string id, CancellationToken ct = default)
    {
        if (await OpenAsync(caller, id, ct) is { } refused)
        {
            return refused;
        }

        var logged = await store.QueryAllAsync<CommunicationEntry>(Partitions.Notifications, caller.TenantId, new DocumentQuery()
            .Where(nameof(CommunicationEntry.PatientId), FilterOperator.Equal, id).Where(nameof(CommunicationEntry.Kind), FilterOperator.Equal, CommunicationEntry.DocumentKind), ct);
        var sent = (await notices.AllForPatientAsync(caller.TenantId, id, ct)).SelectMany(Sent);
        return logged.Select(d => d.Body).Concat(sent).OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>A notice as the log shows it: one entry per channel it went (or did not go) by; queued by email until the outbox has looked at it.</summary>
    private static IEnumerable<CommunicationEntry> Sent(Notifications.PatientNotice n) =>
        n.Deliveries.Count == 0
            ? [new CommunicationEntry(n.Id, n.TenantId, n.PatientId, n.At, CommunicationChannel.Email, CommunicationDirection.Outbound, n.Subject, n.Body, "MedSpa", null) { Delivery = Messaging.DeliveryStatus.Sending, DeliveryDetail = "Queued" }]
            : n.Deliveries.Select(d => new CommunicationEntry($"{n.Id}:{WireNames.Of(d.Channel)}", n.TenantId, n.PatientId, n.At, d.Channel, CommunicationDirection.Outbound, n.Subject, n.Body, "MedSpa", null)
            {
                Delivery = d.Status,
                DeliveryDetail = d.Detail,
            });

    public async Task<Result<CommunicationEntry>> LogAsync(Caller caller, string id, NewCommunication input, CancellationToken ct = default)
    {
        if (!caller.Is(Role.Staff) || await OpenAsync(caller, id, ct) is not null)
        {
            return PatientAccess.NotFound(id);
        }

        var validation = Validator.Validate(input);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        var now = clock.GetUtcNow();
        var entry = new CommunicationEntry($"communication-{Guid.NewGuid():N}", caller.TenantId, id, now, input.Channel, input.Direction,
            input.Subject?.Trim() ?? "", string.IsNullOrWhiteSpace(input.Body) ? null : input.Body.Trim(), caller.DisplayName, RoleNames.ToWire(caller.Role));
        return (await store.CreateAsync(Partitions.Notifications, caller.TenantId, entry.Id, entry, ct)).Body;
    }

    private async Task<Error?> OpenAsync(Caller caller, string id, CancellationToken ct) => (await access.OpenAsync(caller, id, ct)).Error;
}
