using System.Security.Cryptography;
using MedSpa.Core.Audit;
using MedSpa.Core.Patients;
using MedSpa.Core.Scheduling;
using MedSpa.Core.Deposits;

namespace MedSpa.Core.Booking;

/// <summary>A booking request as the API receives it (the specification's field names).</summary>
public sealed record BookingRequest(
    string? ServiceId,
    string? LocationId,
    string? StartTime,
    string? PractitionerId,
    string? PatientId,
    NewPatient? Patient,
    string? Notes,
    string? BookingSource,
    bool? DoubleBook = null,
    string? AcceptedPolicyVersion = null);

/// <summary>
/// Who is booking, for one clinic: a caller from our directory, or a signed-in person no clinic knows yet
/// (self-registration: their email becomes their patient record's sign-in).
/// </summary>
/// <param name="Origin">Where the request came from (address, browser): the evidence kept with a fee policy accepted.</param>
public sealed record Booker(string TenantId, Caller? Caller, string? SignedInEmail = null, Forms.SigningContext? Origin = null)
{
    public bool IsStaff => Caller?.Is(Role.Staff) == true;

    public string Name => Caller?.Email ?? "online";
}

/// <summary>
/// Books one service: checks the clinic's rules, asks the availability engine whether the time can be had (the same
/// engine that offered it), then claims every resource through the ledgers, all or nothing. A booking that waits for
/// a deposit or approval holds its claims with an expiry; otherwise they are confirmed at once.
/// </summary>
public sealed class BookAppointment(
    ClinicSetupStore setupReader,
    BookingPolicyStore policyBook,
    ResourceLedgerStore claims,
    Calendars.ExternalBusyTimes externalBusy,
    AppointmentStore appointments,
    PatientStore patients,
    UserStore directory,
    AuditStore audit,
    DomainEventQueue events,
    Forms.FormRequirements formRequirements,
    Payments.CardsOnFile cardsOnFile,
    TimeProvider clock)
{
    private static readonly BookingRequestValidator Validator = new();

    /// <summary>How long an immediate booking's claims live before they are confirmed: covers only a crash in between.</summary>
    private static readonly TimeSpan CrashHold = TimeSpan.FromMinutes(2);

    /// <summary>Another booking may claim a resource between our check and our claim; then look again (a few times).</summary>
    private const int Attempts = 3;

    public async Task<Result<Appointment>> BookAsync(Booker booker, BookingRequest request, CancellationToken ct = default)
    {
        var booked = await BookWithoutFollowUpsAsync(booker, request, ct);
        if (booked.IsSuccess)
        {
            RaiseFollowUps(booked.Value);
        }

        return booked;
    }

    /// <summary>What a new booking sets going: a held booking needs its deposit, one that stands is confirmed to the patient; forms it needs go to the patient.</summary>
    internal void RaiseFollowUps(Appointment booked)
    {
        if (booked.MissingForms.Count > 0)
        {
            events.Raise(new Forms.FormsNeeded(booked.TenantId, booked.Id));
        }

        if (booked is { Status: AppointmentStatus.PendingDeposit, DepositAmount: { } deposit, HoldExpiresAt: { } holdExpiresAt })
        {
            events.Raise(new Deposits.DepositNeeded(booked.TenantId, booked.Id, deposit, holdExpiresAt));
        }
        else if (booked.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed)
        {
            events.Raise(new AppointmentBooked(booked.TenantId, booked.Id));
        }
    }

    /// <summary>Books without raising follow-ups, for a visit that books several and may undo them all.</summary>
    /// <param name="visitId">Set when the appointment is one service of a multi-service visit.</param>
    internal async Task<Result<Appointment>> BookWithoutFollowUpsAsync(Booker booker, BookingRequest request, CancellationToken ct, string? visitId = null)
    {
        Result<Appointment> outcome = default;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var plan = await ValidateAsync(booker, request, ct);
            if (!plan.IsSuccess)
            {
                return attempt == 0 || plan.Error is not Error.Conflict ? plan.Error : outcome;
            }

            outcome = await CommitAsync(booker, plan.Value, visitId, ct);
            if (outcome.IsSuccess || outcome.Error is not Error.Conflict)
            {
                return outcome;
            }
        }

        return outcome;
    }

    /// <summary>Everything a booking would check, without claiming anything (POST /api/booking/validate-booking).</summary>
    public async Task<Result<BookingPlan>> ValidateAsync(Booker booker, BookingRequest request, CancellationToken ct = default)
    {
        var shape = Validator.Validate(new BookingInput(booker, request));
        if (!shape.IsValid || !ApiDates.TryParseInstant(request.StartTime, out var start) || BookingSources.Parse(booker, request.BookingSource) is not { } bookingSource)
        {
            return FieldErrors.From(shape);
        }

        var setup = await setupReader.LoadAsync(booker.TenantId, ct);
        var service = setup.Service(request.ServiceId);
        var location = setup.Location(request.LocationId);
        if (service is null || location is null)
        {
            return new Error.Invalid(new Dictionary<string, string[]>
            {
                [service is null ? "serviceId" : "locationId"] = [service is null ? "No such service in this clinic." : "No such location in this clinic."],
            });
        }

        var online = bookingSource == Booking.BookingSource.Online;
        if (online && !service.OnlineBookable)
        {
            return new Error.Conflict($"{service.Name} cannot be booked online. Please call the clinic.");
        }

        var patient = await ResolvePatientAsync(booker, request, online, ct);
        if (!patient.IsSuccess)
        {
            return patient.Error;
        }

        var policies = (await policyBook.GetAsync(booker.TenantId, ct)).Body;
        var doubleBook = request.DoubleBook == true;
        if (doubleBook && (!booker.IsStaff || string.IsNullOrWhiteSpace(request.PractitionerId)))
        {
            return Error.Invalid.Field("doubleBook", "Only staff double-book, and only a named practitioner.");
        }

        if (doubleBook && !policies.StaffMayDoubleBook)
        {
            return new Error.Conflict("This clinic does not allow double-booking. An admin can turn it on in the booking policies.");
        }

        var history = patient.Value.Existing ? await appointments.ForPatientAsync(booker.TenantId, patient.Value.Patient.Id, ct) : [];
        var now = clock.GetUtcNow();

        // A clinic that charges no-show or late-cancellation fees has patients booking online accept its policy first;
        // what they accepted, when and from where is kept with the booking (the evidence a fee is charged under).
        PolicyAcceptance? feePolicy = null;
        if (online && policies.FeePolicyVersion is { } version)
        {
            if (request.AcceptedPolicyVersion != version)
            {
                return Error.Invalid.Field("acceptedPolicyVersion", request.AcceptedPolicyVersion is null
                    ? "Read and accept the clinic's cancellation policy to book."
                    : "The cancellation policy changed since you read it: read it again and accept it.");
            }

            feePolicy = new PolicyAcceptance(version, policies.CancellationPolicy, policies.NoShowFee, policies.LateCancellationFee, policies.CancellationNoticeHours,
                now, booker.Origin?.IpAddress, booker.Origin?.UserAgent);
        }

        // Its fees go to the card on file; a deposit saves the card it is paid with, so only a visit without one is checked.
        if (feePolicy is not null && DepositFor(service) is null && patient.Value.Existing
            && await cardsOnFile.CheckBeforeBookingAsync(booker.TenantId, patient.Value.Patient.Id, ct) is { } cardProblem)
        {
            return cardProblem;
        }
        if (await CheckPatientRulesAsync(service, setup, policies, history, online, now) is { } ruleError)
        {
            return ruleError;
        }

        var check = await CheckTimeAsync(booker.TenantId, setup, location, service, start, request.PractitionerId, policies, online, now, ct,
            overlayResourceId: doubleBook ? request.PractitionerId : null);
        if (!check.IsAvailable)
        {
            return new Error.Conflict(Explain(check.Reason.Value, location, start));
        }

        var slot = check.Slot;
        var practitionerId = request.PractitionerId ?? AvailabilityEngine.ChoosePractitioner(slot);
        var deposit = online ? DepositFor(service) : null;
        var needsApproval = online && policies.ApprovalRequiredForNewPatients && !history.Any(a => a.Status == AppointmentStatus.Completed);
        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        return new BookingPlan(location, service, patient.Value.Patient, slot, practitionerId, bookingSource, deposit, needsApproval, policies, doubleBook,
            NewPatient: !patient.Value.Existing, Notes: notes, FeePolicy: feePolicy);
    }

    private async Task<Result<Appointment>> CommitAsync(Booker booker, BookingPlan plan, string? visitId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var status = plan.Status;
        var holdExpiresAt = status == AppointmentStatus.PendingDeposit ? now.AddMinutes(plan.Policies.DepositHoldMinutes)
            : status == AppointmentStatus.PendingApproval ? plan.Slot.Start
            : (DateTimeOffset?)null;

        var appointment = Appointment.Book(
            $"appt-{Guid.NewGuid():N}",
            booker.TenantId,
            plan.Patient.Id,
            $"{plan.Patient.FirstName} {plan.Patient.LastName}",
            plan.Service.Id,
            plan.Service.Name,
            plan.Deposit,
            plan.Location.Id,
            plan.Slot.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new BookedTime(plan.Slot.Start, plan.Service.DurationMinutes, plan.Service.BufferBeforeMinutes, plan.Service.BufferAfterMinutes, plan.PractitionerId, plan.Slot.RoomId, plan.Slot.EquipmentIds),
            plan.Source,
            status,
            plan.Notes,
            visitId,
            NewCheckInCode(),
            holdExpiresAt,
            booker.Name,
            now,
            plan.DoubleBooked);
        appointment.NoteGuardians(plan.Patient.Family.Where(l => l.MayActFor).Select(l => l.PatientId));
        if (plan.FeePolicy is { } accepted)
        {
            appointment.AcceptFeePolicy(accepted with { AcceptedAt = now });
        }

        appointment.NoteMissingForms(await formRequirements.MissingAsync(booker.TenantId, plan.Patient.Id, plan.Service, plan.Slot.Start, ct));

        var claim = appointment.ClaimFor(holdExpiresAt ?? now + CrashHold);
        if (await claims.ClaimAllAsync(booker.TenantId, appointment.ResourceIds, claim, now, plan.DoubleBooked ? plan.PractitionerId : null, ct) is { } conflict)
        {
            return new Error.Conflict($"That time was just taken ({Describe(conflict.ResourceId, plan)} is no longer free). Please choose another time.");
        }

        try
        {
            if (plan.NewPatient)
            {
                await AddPatientAsync(booker, plan.Patient, now, ct);
            }

            await appointments.AddAsync(appointment, ct);
        }
        catch
        {
            await claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, claim, CancellationToken.None);
            throw;
        }

        if (holdExpiresAt is null)
        {
            await claims.ConfirmAllAsync(booker.TenantId, appointment.ResourceIds, claim, ct);
        }

        if (booker.Caller is null && booker.SignedInEmail is { } email && string.Equals(plan.Patient.Email, DirectoryEntry.Normalize(email), StringComparison.Ordinal))
        {
            // Self-registration: from now on this sign-in is the patient's own.
            await directory.LinkAsync(PatientStore.SignInFor(plan.Patient, DirectoryEntry.Normalize(email)), ct);
            await audit.RecordAsync(AuditEntry.ByBooker(booker, now, "self-registration", $"patients/{plan.Patient.Id}", plan.Patient.Id,
                "This sign-in became the patient's own while booking."), ct);
        }

        return appointment;
    }

    /// <summary>A patient record made by booking (quick-create by staff, or a new person booking online): stored and audited.</summary>
    private async Task AddPatientAsync(Booker booker, Patient patient, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await patients.AddAsync(patient, ct);
        }
        catch (DocumentConflictException)
        {
            return; // A retry of this booking already stored it.
        }

        await audit.RecordAsync(AuditEntry.ByBooker(booker, now, "create patient", $"patients/{patient.Id}", patient.Id, "Created while booking an appointment."), ct);
    }

    /// <summary>Availability for the local day of <paramref name="start"/>, with every live claim as busy time.</summary>
    /// <param name="overlayResourceId">A practitioner being double-booked on purpose: their busy time does not count.</param>
    public async Task<SlotCheck> CheckTimeAsync(string tenantId, ClinicSetup setup, Location location, Service service, DateTimeOffset start,
        string? practitionerId, BookingPolicies policies, bool online, DateTimeOffset now, CancellationToken ct, string? ignoreBookingId = null, string? overlayResourceId = null)
    {
        var time = ClinicTime.For(location.TimeZone);
        var day = time.LocalDate(start);
        var busy = await BusyAsync(tenantId, time.StartOfDay(day), time.EndOfDay(day), now, ignoreBookingId, ct);
        if (overlayResourceId is not null)
        {
            busy = busy.Where(b => b.ResourceId != overlayResourceId).ToList();
        }

        var request = new AvailabilityRequest(location, service, setup.Staff, setup.Rooms, setup.Equipment, busy, now, ToEngine(policies, online), day, day, practitionerId);
        return AvailabilityEngine.Check(request, start, practitionerId);
    }

    /// <summary>Every live claim, and the busy times of practitioners' connected Google and Microsoft 365 calendars.</summary>
    public async Task<IReadOnlyList<BusyInterval>> BusyAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, string? ignoreBookingId, CancellationToken ct)
    {
        var live = await claims.LiveClaimsAsync(tenantId, from, to, now, ct);
        var busy = new List<BusyInterval>(await externalBusy.BetweenAsync(tenantId, from, to, ct));
        foreach (var (resourceId, claim) in live)
        {
            if (ignoreBookingId is null || !claim.IsFor(ignoreBookingId))
            {
                busy.Add(new BusyInterval(resourceId, claim.Start, claim.End));
            }
        }

        return busy;
    }

    /// <summary>Staff book on a patient's behalf at any time the clinic is open; only online bookings need notice.</summary>
    public static BookingPolicy ToEngine(BookingPolicies policies, bool online) => new()
    {
        WindowDays = online ? policies.WindowDays : Math.Max(policies.WindowDays, 365),
        MinimumNoticeMinutes = online ? policies.MinimumNoticeMinutes : 0,
        SlotStepMinutes = policies.SlotStepMinutes,
    };

    public static Money? DepositFor(Service service) => service.Deposit.Kind switch
    {
        DepositKind.Fixed when service.Deposit.Amount is { Amount: > 0 } amount => amount,
        DepositKind.Percent when service.Deposit.Percent is > 0 and var percent && service.Price.Amount > 0 => service.Price.Percent(percent),
        _ => null,
    };

    private async Task<Result<(Patient Patient, bool Existing)>> ResolvePatientAsync(Booker booker, BookingRequest request, bool online, CancellationToken ct)
    {
        if (booker.Caller is { Role: Role.Patient } patientCaller)
        {
            var own = patientCaller.PatientId is null ? null : await patients.GetAsync(booker.TenantId, patientCaller.PatientId, ct);
            if (own is null)
            {
                return new Error.Forbidden("Your sign-in is not linked to a patient record.");
            }

            if (string.IsNullOrWhiteSpace(request.PatientId) || request.PatientId == own.Id)
            {
                return (own, true);
            }

            // A parent or guardian books for a child on their record.
            var child = await patients.GetAsync(booker.TenantId, request.PatientId, ct);
            return child is not null && PatientAccess.IsSelfOrGuardian(patientCaller, child)
                ? (child, true)
                : Error.Invalid.Field("patientId", "You can book for yourself or for a child whose record names you as parent or guardian.");
        }

        if (!string.IsNullOrWhiteSpace(request.PatientId))
        {
            if (!booker.IsStaff)
            {
                return Error.Invalid.Field("patientId", "Only staff book for a named patient.");
            }

            var existing = await patients.GetAsync(booker.TenantId, request.PatientId, ct);
            return existing is null ? Error.Invalid.Field("patientId", "No such patient in this clinic.") : (existing, true);
        }

        if (request.Patient is null)
        {
            return Error.Invalid.Field(booker.IsStaff ? "patientId" : "patient", booker.IsStaff ? "Choose a patient or give a new patient's details." : "Give your first and last name and an email or phone.");
        }

        if (booker.Caller is null && booker.SignedInEmail is { } signedIn
            && !string.Equals(request.Patient.Email?.Trim(), signedIn, StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid.Field("patient.email", "Use the email you signed in with.");
        }

        if (booker.Caller is null && await directory.FindAsync(booker.SignedInEmail ?? "", ct) is not null)
        {
            return new Error.Forbidden("This sign-in already belongs to a clinic account.");
        }

        var found = await patients.FindOrDraftAsync(booker.TenantId, request.Patient, ct);
        if (!found.IsSuccess)
        {
            return found.Error is Error.Invalid invalid
                ? new Error.Invalid(invalid.FieldErrors.ToDictionary(e => "patient." + e.Key, e => e.Value))
                : found.Error;
        }

        return (found.Value.Patient, !found.Value.IsNew);
    }

    private static Task<Error?> CheckPatientRulesAsync(Service service, ClinicSetup setup, BookingPolicies policies, IReadOnlyList<Appointment> history, bool online, DateTimeOffset now)
    {
        if (service.RequiresConsultation)
        {
            var consultations = setup.Services.Where(s => s.Category == "Consultation").Select(s => s.Id).ToHashSet();
            var hadOne = history.Any(a => consultations.Contains(a.ServiceId) && (a.Status is AppointmentStatus.Completed or AppointmentStatus.Arrived
                || (a.HoldsTime && !a.IsPending && a.StartTime < now.AddYears(1))));
            if (!hadOne)
            {
                return Task.FromResult<Error?>(new Error.Conflict($"{service.Name} needs a consultation first. Book a consultation, then this treatment."));
            }
        }

        if (online && history.Count(a => a.HoldsTime && a.StartTime > now && a.Status is not (AppointmentStatus.Completed or AppointmentStatus.Arrived)) >= policies.MaxFutureBookingsPerPatient)
        {
            return Task.FromResult<Error?>(new Error.Conflict($"You already have {policies.MaxFutureBookingsPerPatient} upcoming appointments, the most this clinic allows online."));
        }

        return Task.FromResult<Error?>(null);
    }

    private static string Describe(string resourceId, BookingPlan plan) =>
        resourceId == plan.PractitionerId ? "the practitioner" : resourceId == plan.Slot.RoomId ? "the room" : "a device it needs";

    private static string Explain(SlotUnavailableReason reason, Location location, DateTimeOffset start) => reason switch
    {
        SlotUnavailableReason.Closed => $"{location.Name} is closed that day.",
        SlotUnavailableReason.OutsideOpeningHours => $"{location.Name} is not open for the whole appointment at that time.",
        SlotUnavailableReason.NotOnSlotGrid => "Appointments start on the clinic's time grid; choose one of the offered times.",
        SlotUnavailableReason.TooSoon => "That time is too soon to book online.",
        SlotUnavailableReason.BeyondBookingWindow => "That time is further ahead than the clinic takes bookings.",
        SlotUnavailableReason.PractitionerNotEligible => "That practitioner does not offer this service here.",
        SlotUnavailableReason.NoPractitionerFree => "That time is taken: no practitioner is free then. Please choose another time.",
        SlotUnavailableReason.NoRoomFree => "That time is taken: no room is free then. Please choose another time.",
        SlotUnavailableReason.NoEquipmentFree => "That time is taken: a device the service needs is in use or in maintenance.",
        _ => "That time cannot be booked.",
    };

    /// <summary>Short, unguessable, easy to type if the QR scanner fails.</summary>
    private static string NewCheckInCode() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}

public sealed record BookingPlan(
    Location Location,
    Service Service,
    Patient Patient,
    Slot Slot,
    string PractitionerId,
    BookingSource Source,
    Money? Deposit,
    bool NeedsApproval,
    BookingPolicies Policies,
    bool DoubleBooked = false,
    bool NewPatient = false,
    string? Notes = null,
    PolicyAcceptance? FeePolicy = null)
{
    /// <summary>The status the booking starts in: held for its deposit, waiting for approval, or simply booked.</summary>
    public AppointmentStatus Status => Deposit is not null ? AppointmentStatus.PendingDeposit
        : NeedsApproval ? AppointmentStatus.PendingApproval
        : AppointmentStatus.Scheduled;
}
