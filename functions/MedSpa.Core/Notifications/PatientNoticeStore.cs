namespace MedSpa.Core.Notifications;

/// <summary>
/// A message for a patient, kept in the outbox until <see cref="Messaging.SendDueMessages"/> has sent it by email and
/// SMS as the patient's choices allow; its deliveries are the patient's communication log.
/// </summary>
/// <param name="InvoiceId">An invoice whose PDF goes with the email (written when it is sent, so it shows the ledger then).</param>
public sealed record PatientNotice(string Id, string TenantId, string PatientId, string Subject, string Body, DateTimeOffset At, string? InvoiceId = null)
    : Messaging.IOutboxMessage<PatientNotice>
{
    public const string DocumentKind = "patient-notice";

    public string Kind => DocumentKind;

    /// <summary>Marketing needs the patient's marketing consent; every other message follows their reminder choices.</summary>
    public bool Marketing { get; init; }

    /// <summary>An answer to the patient's own text: sent back by text only.</summary>
    public bool TextOnly { get; init; }

    /// <summary>
    /// The kind of message, when the clinic may write its own words for it (with <see cref="Values"/> for its variables);
    /// <see cref="Subject"/> and <see cref="Body"/> are MedSpa's words, used where the clinic wrote none.
    /// </summary>
    public Messaging.MessageKind? Template { get; init; }

    public IReadOnlyDictionary<string, string>? Values { get; init; }

    /// <summary>When the message stops being of use (a deposit's hold, a waitlist offer's window ends): not sent after it.</summary>
    public DateTimeOffset? UsefulUntil { get; init; }

    public Messaging.OutboxState Outbox { get; init; } = Messaging.OutboxState.Pending;

    public DateTimeOffset DueAt { get; init; } = At;

    public IReadOnlyList<Messaging.MessageDelivery> Deliveries { get; init; } = [];

    public PatientNotice WithOutbox(Messaging.OutboxState outbox, DateTimeOffset dueAt, IReadOnlyList<Messaging.MessageDelivery> deliveries) =>
        this with { Outbox = outbox, DueAt = dueAt, Deliveries = deliveries };
}

/// <summary>Records notices idempotently: the id is the event it reports, so a retried activity writes it once.</summary>
public sealed class PatientNoticeStore(IDocumentStore store)
{
    public const string Container = Partitions.Notifications;

    public Task RecordAsync(PatientNotice notice, CancellationToken ct = default) =>
        store.CreateOnceAsync(Container, notice.TenantId, notice.Id, notice, ct);

    public async Task<IReadOnlyList<PatientNotice>> ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        (await store.QueryAsync<PatientNotice>(Container, tenantId, new DocumentQuery { OrderBy = nameof(PatientNotice.At), Descending = true, PageSize = 50 }
            .Where(nameof(PatientNotice.PatientId), FilterOperator.Equal, patientId).Where(nameof(PatientNotice.Kind), FilterOperator.Equal, PatientNotice.DocumentKind), ct))
            .Items.Select(d => d.Body).ToList();

    /// <summary>Every notice the patient was sent, newest first (their data export).</summary>
    public async Task<IReadOnlyList<PatientNotice>> AllForPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<PatientNotice>(Container, tenantId, new DocumentQuery { OrderBy = nameof(PatientNotice.At), Descending = true }
            .Where(nameof(PatientNotice.PatientId), FilterOperator.Equal, patientId).Where(nameof(PatientNotice.Kind), FilterOperator.Equal, PatientNotice.DocumentKind), ct))
            .Select(d => d.Body)];
}
