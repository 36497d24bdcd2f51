namespace MedSpa.Core.Waitlist;

/// <summary>A patient has accepted an open offer: the acceptance goes to the offer's round, which books the first one.</summary>
public sealed record PatientAcceptedOffer(string TenantId, string FreedAppointmentId, string OfferId, string PatientId) : IDomainEvent;

/// <summary>An offer as the patient's acceptance left it, and what that means for them now.</summary>
public sealed record AcceptedOffer(WaitlistSlotOffer Offer, OfferAnswer Answer);

/// <summary>
/// A patient accepts a waitlist offer. An open offer's acceptance is raised for its round to decide (the first
/// acceptance the round receives is booked); the patient then gets the round's verdict, waited for briefly. An offer
/// that is no longer open answers at once (booked, taken, failed, closed).
/// </summary>
public sealed class AcceptWaitlistOffer(WaitlistDesk desk, DomainEventQueue events, TimeProvider clock)
{
    /// <summary>How long a patient's request waits for the round's verdict before answering "still processing".</summary>
    public static readonly TimeSpan VerdictWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<Result<AcceptedOffer>> AcceptAsync(Caller caller, string offerId, CancellationToken ct = default)
    {
        var found = await desk.GetOfferAsync(caller, offerId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var offer = found.Value.Body;
        var answer = offer.AnswerAt(clock.GetUtcNow());
        if (answer != OfferAnswer.Open)
        {
            return new AcceptedOffer(offer, answer);
        }

        events.Raise(new PatientAcceptedOffer(caller.TenantId, offer.FreedAppointmentId, offer.Id, offer.PatientId));
        return new AcceptedOffer(offer, OfferAnswer.Processing);
    }

    /// <summary>
    /// The round's verdict once it has settled the offer. Until then even an offer past its window may still be booked,
    /// because its acceptance came in time; after <see cref="VerdictWait"/> the answer stays "processing".
    /// </summary>
    public async Task<AcceptedOffer> AwaitVerdictAsync(Caller caller, AcceptedOffer accepted, CancellationToken ct = default)
    {
        var deadline = clock.GetUtcNow() + VerdictWait;
        while (accepted.Answer == OfferAnswer.Processing && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, clock, ct);
            var offer = (await desk.GetOfferAsync(caller, accepted.Offer.Id, ct)) is { IsSuccess: true } latest ? latest.Value.Body : accepted.Offer;
            accepted = new AcceptedOffer(offer, offer.IsSettled ? offer.AnswerAt(clock.GetUtcNow()) : OfferAnswer.Processing);
        }

        return accepted;
    }
}
