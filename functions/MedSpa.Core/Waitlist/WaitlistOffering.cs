using MedSpa.Core.Notifications;
using MedSpa.Core.Scheduling;
using MedSpa.Core.Booking;

namespace MedSpa.Core.Waitlist;

/// <summary>One round of offers for a freed time: who is asked, until when.</summary>
public sealed record WaitlistRound(string TenantId, string FreedAppointmentId, FreedSlot Slot, int Round, DateTimeOffset ExpiresAt);

/// <summary>How many patients hold an offer in the round, and whether the time was still free to offer.</summary>
public sealed record WaitlistRoundResult(int Offered, bool StillFree);

/// <summary>A patient's acceptance as the orchestration receives it.</summary>
public sealed record WaitlistAcceptance(string TenantId, string FreedAppointmentId, string OfferId, string PatientId);

public enum WaitlistBookingOutcome
{
    /// <summary>The accepting patient is booked: tell the others the time is gone.</summary>
    Booked,

    /// <summary>This patient could not be booked but the time is still free: keep waiting for the others.</summary>
    Failed,

    /// <summary>The time is no longer free: stop offering it.</summary>
    Taken,

    /// <summary>Not an open offer of this freed time (late, duplicate or stray): nothing happened.</summary>
    Ignored,
}

/// <summary>
/// The waitlist orchestration's steps, each idempotent (activities run at least once): offer a round, book an
/// acceptance, close a round's window, withdraw what is still open. Offer ids are deterministic, entries remember
/// the offer they hold, and the booking carries the offer id in its notes, so a retried step finds its own work.
/// </summary>
public sealed class WaitlistOffering(
    WaitlistStore book,
    AppointmentStore appointments,
    BookAppointment booking,
    ClinicSetupStore setupReader,
    BookingPolicyStore policyBook,
    PatientNoticeStore notices,
    TimeProvider clock)
{
    public const string TakenReason = "That time was taken before we could book it.";

    private const int MaxAttempts = 10;

    /// <summary>The time a cancelled (or no-show, or released) appointment freed, or null when it still holds its time.</summary>
    public async Task<FreedSlot?> DescribeAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        var appointment = (await appointments.GetAsync(tenantId, appointmentId, ct))?.Body;
        if (appointment is null || appointment.HoldsTime)
        {
            return null;
        }

        var location = (await setupReader.LoadAsync(tenantId, ct)).Location(appointment.LocationId);
        return location is null || ClinicTime.TryFor(location.TimeZone) is not { } time
            ? null
            : new FreedSlot(appointment.ServiceId, appointment.LocationId, appointment.PractitionerId, time.ToLocal(appointment.StartTime), appointment.PatientId);
    }

    /// <summary>Offers the freed time to the best-ranked waiting patients not yet asked, up to the batch size.</summary>
    public async Task<WaitlistRoundResult> OfferRoundAsync(WaitlistRound round, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (tenantId, slot) = (round.TenantId, round.Slot);
        var offers = await book.OffersForAsync(tenantId, round.FreedAppointmentId, ct);
        var made = offers.Count(o => o.Body.Round == round.Round);
        if (made >= WaitlistOfferRules.BatchSize)
        {
            return new WaitlistRoundResult(made, true);
        }

        var setup = await setupReader.LoadAsync(tenantId, ct);
        if (!await StillFreeAsync(tenantId, setup, slot, now, ct) || setup.Location(slot.LocationId) is not { } location)
        {
            return new WaitlistRoundResult(made, false);
        }

        var askedEntries = offers.Select(o => o.Body.EntryId).ToHashSet();
        var askedPatients = offers.Select(o => o.Body.PatientId).ToHashSet();
        var entries = await book.WaitingForAsync(tenantId, slot.ServiceId, slot.LocationId, ct);

        // An earlier attempt of this round may have marked entries offered and stopped before writing their offers.
        foreach (var begun in entries.Where(e => e.Body.Status == WaitlistStatus.Offered && !askedEntries.Contains(e.Id)
                     && e.Body.CurrentOfferId == WaitlistSlotOffer.IdFor(round.FreedAppointmentId, e.Id)))
        {
            await SendAsync(begun.Body, round, location, now, ct);
            askedPatients.Add(begun.Body.PatientId);
            made++;
        }

        var documents = entries.ToDictionary(e => e.Id);
        var candidates = entries.Select(e => e.Body).Where(e => !askedEntries.Contains(e.Id) && !askedPatients.Contains(e.PatientId));
        foreach (var entry in WaitlistMatcher.Rank(candidates, slot, now))
        {
            if (made >= WaitlistOfferRules.BatchSize)
            {
                break;
            }

            if (!entry.Offer(WaitlistSlotOffer.IdFor(round.FreedAppointmentId, entry.Id), now).IsSuccess)
            {
                continue;
            }

            try
            {
                await book.SaveEntryAsync(entry, documents[entry.Id].ETag, ct);
            }
            catch (DocumentStaleException)
            {
                // The patient left, or another freed time was offered to them meanwhile: ask the next one.
                continue;
            }

            await SendAsync(entry, round, location, now, ct);
            made++;
        }

        return new WaitlistRoundResult(made, true);
    }

    /// <summary>Books the accepting patient into the freed time (as the clinic would, so online notice rules do not apply).</summary>
    public async Task<WaitlistBookingOutcome> BookAsync(WaitlistAcceptance acceptance, CancellationToken ct = default)
    {
        var tenantId = acceptance.TenantId;
        var found = await book.GetOfferAsync(tenantId, acceptance.OfferId, ct);
        if (found is null || found.Body.FreedAppointmentId != acceptance.FreedAppointmentId || found.Body.PatientId != acceptance.PatientId)
        {
            return WaitlistBookingOutcome.Ignored;
        }

        switch (found.Body.Status)
        {
            case WaitlistOfferStatus.Booked:
                return WaitlistBookingOutcome.Booked;
            case WaitlistOfferStatus.Failed:
                return found.Body.Reason == TakenReason ? WaitlistBookingOutcome.Taken : WaitlistBookingOutcome.Failed;
            case WaitlistOfferStatus.Expired or WaitlistOfferStatus.Gone:
                return WaitlistBookingOutcome.Ignored;
        }

        var now = clock.GetUtcNow();
        var offer = await UpdateOfferAsync(tenantId, acceptance.OfferId, o => o.StartAccepting(now), ct);
        if (offer?.Status != WaitlistOfferStatus.Accepting)
        {
            return offer is null ? WaitlistBookingOutcome.Ignored : await BookAsync(acceptance, ct);
        }

        var setup = await setupReader.LoadAsync(tenantId, ct);
        var when = AppointmentWording.WhereAndWhen(setup, offer.LocationId, offer.StartTime, await ClockOfAsync(tenantId, ct));
        var existing = (await appointments.ForPatientAsync(tenantId, offer.PatientId, ct)).FirstOrDefault(a => a.Notes == offer.BookingNote);
        var appointmentId = existing?.Id;
        if (appointmentId is null)
        {
            // The clinic books for the patient (no deposit is held, so nothing follows up); this runs in an activity.
            var booked = await booking.BookWithoutFollowUpsAsync(Booker(tenantId),
                new BookingRequest(offer.ServiceId, offer.LocationId, offer.StartTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    offer.PractitionerId, offer.PatientId, null, offer.BookingNote, null), ct);
            if (!booked.IsSuccess)
            {
                var slot = new FreedSlot(offer.ServiceId, offer.LocationId, offer.PractitionerId ?? "", offer.StartTime);
                var stillFree = await StillFreeAsync(tenantId, setup, slot, now, ct);
                var reason = stillFree ? booked.Error.Detail : TakenReason;
                await UpdateOfferAsync(tenantId, offer.Id, o => o.Fail(reason, now), ct);
                await UpdateEntryAsync(tenantId, offer.EntryId, e => e.OfferEnded(offer.Id, now), ct);
                await notices.RecordAsync(new PatientNotice($"{offer.Id}:failed", tenantId, offer.PatientId, "We could not book that time",
                    $"Sorry, we could not book {offer.ServiceName} {when} for you: {reason} You are still on the waitlist.", now), ct);
                return stillFree ? WaitlistBookingOutcome.Failed : WaitlistBookingOutcome.Taken;
            }

            appointmentId = booked.Value.Id;
        }

        await UpdateOfferAsync(tenantId, offer.Id, o => o.Book(appointmentId, now), ct);
        await UpdateEntryAsync(tenantId, offer.EntryId, e => e.Booked(appointmentId, now), ct);
        await notices.RecordAsync(new PatientNotice($"{offer.Id}:booked", tenantId, offer.PatientId, "You're booked",
            $"{offer.ServiceName} {when} is yours. You'll find it in your appointments.", now), ct);
        return WaitlistBookingOutcome.Booked;
    }

    /// <summary>The round's window closed: its open offers expire, and those patients keep their place on the waitlist.</summary>
    public async Task ExpireRoundAsync(string tenantId, string freedAppointmentId, int round, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(tenantId, ct);
        var clockFormat = await ClockOfAsync(tenantId, ct);
        foreach (var found in (await book.OffersForAsync(tenantId, freedAppointmentId, ct)).Where(o => o.Body.Round == round))
        {
            var offer = await UpdateOfferAsync(tenantId, found.Id, o => o.Expire(now), ct);
            if (offer?.Status == WaitlistOfferStatus.Expired)
            {
                await UpdateEntryAsync(tenantId, offer.EntryId, e => e.OfferEnded(offer.Id, now), ct);
                await notices.RecordAsync(new PatientNotice($"{offer.Id}:expired", tenantId, offer.PatientId, "The time we offered has passed on",
                    $"The time for {offer.ServiceName} {AppointmentWording.WhereAndWhen(setup, offer.LocationId, offer.StartTime, clockFormat)} was not accepted in time, so it has been offered to others. You are still on the waitlist.", now), ct);
            }
        }
    }

    /// <summary>The time is gone (booked from the waitlist, or taken otherwise): every offer still open is withdrawn and its patient told.</summary>
    public async Task WithdrawOpenAsync(string tenantId, string freedAppointmentId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(tenantId, ct);
        var clockFormat = await ClockOfAsync(tenantId, ct);
        foreach (var found in (await book.OffersForAsync(tenantId, freedAppointmentId, ct)).Where(o => o.Body.Status is WaitlistOfferStatus.Open or WaitlistOfferStatus.Gone))
        {
            var offer = await UpdateOfferAsync(tenantId, found.Id, o => o.Withdraw(now), ct);
            if (offer?.Status == WaitlistOfferStatus.Gone)
            {
                await UpdateEntryAsync(tenantId, offer.EntryId, e => e.OfferEnded(offer.Id, now), ct);
                await notices.RecordAsync(new PatientNotice($"{offer.Id}:gone", tenantId, offer.PatientId, "That time has gone",
                    $"The time for {offer.ServiceName} {AppointmentWording.WhereAndWhen(setup, offer.LocationId, offer.StartTime, clockFormat)} has been taken. You are still on the waitlist, and we'll tell you when another time opens up.", now), ct);
            }
        }
    }

    /// <summary>Where the patient sees an offer and accepts it.</summary>
    public static string LinkTo(string offerId) => $"/patient/waitlist?offer={Uri.EscapeDataString(offerId)}";

    /// <summary>The clinic books from the waitlist: staff rules (no online notice or window limits), the patient of the offer.</summary>
    public static Booker Booker(string tenantId) => new(tenantId, new Caller("waitlist", "waitlist", "Waitlist", tenantId, Role.FrontDesk));

    private async Task SendAsync(WaitlistEntry entry, WaitlistRound round, Location location, DateTimeOffset now, CancellationToken ct)
    {
        var offer = (await book.AddOfferAsync(WaitlistSlotOffer.Make(entry, round.FreedAppointmentId, round.Slot.Start.ToUniversalTime(), round.Round, round.ExpiresAt, now), ct)).Body;
        var time = ClinicTime.For(location.TimeZone);
        var clockFormat = await ClockOfAsync(entry.TenantId, ct);
        var when = AppointmentWording.When(time.ToLocal(offer.StartTime), clockFormat);
        var values = new Dictionary<string, string>
        {
            ["service"] = entry.ServiceName, ["location"] = location.Name, ["when"] = when, ["whereAndWhen"] = $"at {location.Name} {when}",
            ["acceptBy"] = clockFormat.TimeOfDay(time.ToLocal(offer.ExpiresAt)), ["link"] = LinkTo(offer.Id),
            [AppointmentWording.LocalDate] = time.ToLocal(offer.StartTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [AppointmentWording.LocalTime] = clockFormat.TimeOfDay(time.ToLocal(offer.StartTime)),
        };
        await notices.RecordAsync(new PatientNotice($"{offer.Id}:offered", entry.TenantId, entry.PatientId, "A time opened up",
            Messaging.MessageCatalog.Render(Messaging.MessageCatalog.For(Messaging.MessageKind.WaitlistOffer).Email, values), now)
        {
            Template = Messaging.MessageKind.WaitlistOffer, Values = values, UsefulUntil = offer.ExpiresAt,
        }, ct);
    }

    private async Task<bool> StillFreeAsync(string tenantId, ClinicSetup setup, FreedSlot slot, DateTimeOffset now, CancellationToken ct)
    {
        var location = setup.Location(slot.LocationId);
        var service = setup.Service(slot.ServiceId);
        if (location is null || service is null || slot.Start <= now)
        {
            return false;
        }

        var policies = (await policyBook.GetAsync(tenantId, ct)).Body;
        return (await booking.CheckTimeAsync(tenantId, setup, location, service, slot.Start.ToUniversalTime(), null, policies, online: false, now, ct)).IsAvailable;
    }

    private async Task<WaitlistSlotOffer?> UpdateOfferAsync(string tenantId, string offerId, Func<WaitlistSlotOffer, bool> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await book.GetOfferAsync(tenantId, offerId, ct);
            if (found is null || !change(found.Body))
            {
                return found?.Body;
            }

            try
            {
                return (await book.SaveOfferAsync(found.Body, found.ETag, ct)).Body;
            }
            catch (DocumentStaleException) when (attempt < MaxAttempts)
            {
                // Changed meanwhile: read again and re-decide.
            }
        }
    }

    private async Task UpdateEntryAsync(string tenantId, string entryId, Func<WaitlistEntry, bool> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await book.GetEntryAsync(tenantId, entryId, ct);
            if (found is null || !change(found.Body))
            {
                return;
            }

            try
            {
                await book.SaveEntryAsync(found.Body, found.ETag, ct);
                return;
            }
            catch (DocumentStaleException) when (attempt < MaxAttempts)
            {
                // Changed meanwhile (the patient left, say): read again and re-decide.
            }
        }
    }

    private async Task<ClockFormat> ClockOfAsync(string tenantId, CancellationToken ct) => (await policyBook.GetAsync(tenantId, ct)).Body.ClockFormat;
}
