namespace MedSpa.Core.Booking;

/// <summary>A patient's bookings as they see them: still to come, done, and cancelled (newest first for the last two).</summary>
/// <summary>
/// A patient's appointments in the three tabs they see. They stay documents, with their ETags, because the list feeds
/// edits: a reschedule from "upcoming" sends that ETag in If-Match.
/// </summary>
public sealed record PatientAppointments(IReadOnlyList<Document<Appointment>> Upcoming, IReadOnlyList<Document<Appointment>> Past, IReadOnlyList<Document<Appointment>> Cancelled)
{
    public static PatientAppointments Of(IEnumerable<Document<Appointment>> appointments, DateTimeOffset now)
    {
        var ordered = appointments.OrderBy(a => a.Body.StartTime).ToList();
        bool Done(Appointment a) => a.EndTime < now || a.Status is AppointmentStatus.Completed;
        return new(
            [.. ordered.Where(a => a.Body.HoldsTime && !Done(a.Body))],
            [.. ordered.Where(a => a.Body.HoldsTime && Done(a.Body)).Reverse()],
            [.. ordered.Where(a => !a.Body.HoldsTime).Reverse()]);
    }

    /// <summary>Times the patient did not come: what the desk weighs before taking another booking.</summary>
    public int NoShows => Cancelled.Count(a => a.Body.Status == AppointmentStatus.NoShow);

    /// <summary>Cancellations with less notice than the clinic's policy asks.</summary>
    public int LateCancellations => Cancelled.Count(a => a.Body.Status == AppointmentStatus.Cancelled && a.Body.LateCancellation);
}

/// <summary>
/// Where appointments live: the tenant's partition of the appointments container, so a location's day or week (the
/// calendar) and one patient's bookings are both single-partition queries.
/// </summary>
public sealed class AppointmentStore(IDocumentStore store)
{
    public const string Container = Partitions.Appointments;

    public async Task<Document<Appointment>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 100 ? await store.ReadAsync<Appointment>(Container, tenantId, id, ct) : null;

    public Task<Document<Appointment>> AddAsync(Appointment appointment, CancellationToken ct = default) =>
        store.CreateAsync(Container, appointment.TenantId, appointment.Id, appointment, ct);

    public Task<Document<Appointment>> SaveAsync(Appointment appointment, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, appointment.TenantId, appointment.Id, appointment, etag, ct);

    /// <summary>Removes an appointment that never became real (an all-or-nothing visit that could not be completed).</summary>
    public Task<bool> RemoveAsync(Appointment appointment, CancellationToken ct = default) =>
        store.DeleteAsync(Container, appointment.TenantId, appointment.Id, null, ct);

    /// <summary>A location's appointments whose local date is in [from, to] (yyyy-MM-dd), in start order.</summary>
    public async Task<IReadOnlyList<Appointment>> ForLocationAsync(string tenantId, string locationId, string fromDate, string toDate, CancellationToken ct = default) =>
        [.. (await LocationDocumentsAsync(tenantId, locationId, fromDate, toDate, ct)).Select(d => d.Body)];

    /// <summary>The same, with their ETags: the calendar's panel edits them.</summary>
    public Task<IReadOnlyList<Document<Appointment>>> LocationDocumentsAsync(string tenantId, string locationId, string fromDate, string toDate, CancellationToken ct = default) =>
        store.QueryAllAsync<Appointment>(Container, tenantId, new DocumentQuery { OrderBy = nameof(Appointment.StartTime), PageSize = DocumentQuery.MaxPageSize }
            .Where(nameof(Appointment.Kind), FilterOperator.Equal, Appointment.DocumentKind)
            .Where(nameof(Appointment.LocationId), FilterOperator.Equal, locationId)
            .Where(nameof(Appointment.LocalDate), FilterOperator.GreaterThanOrEqual, fromDate)
            .Where(nameof(Appointment.LocalDate), FilterOperator.LessThanOrEqual, toDate), ct);

    /// <summary>One practitioner's appointments starting in [from, to), in start order (their calendar feed).</summary>
    public async Task<IReadOnlyList<Appointment>> ForPractitionerAsync(string tenantId, string practitionerId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<Appointment>(Container, tenantId, new DocumentQuery { OrderBy = nameof(Appointment.StartTime), PageSize = DocumentQuery.MaxPageSize }
            .Where(nameof(Appointment.Kind), FilterOperator.Equal, Appointment.DocumentKind)
            .Where(nameof(Appointment.PractitionerId), FilterOperator.Equal, practitionerId)
            .Where(nameof(Appointment.StartTime), FilterOperator.GreaterThanOrEqual, from)
            .Where(nameof(Appointment.StartTime), FilterOperator.LessThan, to), ct)).Select(d => d.Body)];

    public async Task<IReadOnlyList<Appointment>> ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await PatientDocumentsAsync(tenantId, patientId, ct)).Select(d => d.Body)];

    /// <summary>One patient's appointments with their ETags, for lists that lead to edits.</summary>
    public Task<IReadOnlyList<Document<Appointment>>> PatientDocumentsAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        store.QueryAllAsync<Appointment>(Container, tenantId, new DocumentQuery { OrderBy = nameof(Appointment.StartTime), PageSize = DocumentQuery.MaxPageSize }
            .Where(nameof(Appointment.Kind), FilterOperator.Equal, Appointment.DocumentKind)
            .Where(nameof(Appointment.PatientId), FilterOperator.Equal, patientId), ct);

    public async Task<IReadOnlyList<Document<Appointment>>> WithCheckInCodeAsync(string tenantId, string code, CancellationToken ct = default) =>
        (await store.QueryAsync<Appointment>(Container, tenantId, new DocumentQuery { PageSize = 10 }
            .Where(nameof(Appointment.Kind), FilterOperator.Equal, Appointment.DocumentKind)
            .Where(nameof(Appointment.CheckInCode), FilterOperator.Equal, code), ct)).Items;
}
