using System.Text.Json;
using MedSpa.Core.Access;
using MedSpa.Core.Booking;
using MedSpa.Core.Common;
using MedSpa.Core.Payments;
using MedSpa.Core.Reporting;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask.Client;
using MedSpa.Core.Reminders;
using MedSpa.Core.Series;
using MedSpa.Core.Waitlist;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>Every scenario the suite runs on both engines: the app's orchestrators first, then engine features.</summary>
public static class Scenarios
{
    private const string Tenant = "clinic-1";

    public static IReadOnlyList<Scenario> All { get; } = [.. BookingSagaScenarios(), .. DailySummaryScenarios(), .. SeriesScenarios(), .. WaitlistScenarios(), .. GiftCardScenarios(), .. ReminderScenarios(), .. FeatureScenarios()];

    private static FakeActivity Returns(object? value) => (_, _) => value;

    /// <summary>A property of an activity's input whatever the engine's naming (PascalCase or camelCase).</summary>
    private static JsonElement Property(JsonElement? input, string name) =>
        input!.Value.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Func<RunProgress, bool> StatusIs(string prefix) => p => p.CustomStatus?.StartsWith(prefix, StringComparison.Ordinal) == true;

    private static IEnumerable<Scenario> BookingSagaScenarios()
    {
        BookingSagaInput Hold(TimeSpan expiresIn) => new(Tenant, "appt-1", new Money(5000, "USD"), DateTimeOffset.UtcNow + expiresIn);
        var deposit = new DepositIntent("pi-1", Tenant, "appt-1", new Money(5000, "USD"), "requires_payment");
        Dictionary<string, FakeActivity> Activities(FakeActivity? requestDeposit = null) => new()
        {
            [nameof(RequestDeposit)] = requestDeposit ?? Returns(deposit),
            [nameof(ConfirmBooking)] = Returns("confirmed"),
            [nameof(ReleaseBooking)] = (input, _) => $"released: {Property(input, "Reason").GetString()}",
            [nameof(OfferFreedTimeToWaitlist)] = Returns(null),
            [nameof(MedSpa.Functions.Orchestrations.AskForDeposit)] = Returns(null), // a patient away from the page is asked once
        };

        yield return new Scenario("booking saga: deposit paid", BookingSaga.Name, () => Hold(TimeSpan.FromMinutes(10)), Activities(),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("confirmed"), CanonicalJson.Of("confirmed"))
        {
            Events = [new PlannedEvent(BookingSaga.DepositSettledEvent, new DepositSettled("appt-1", true, null), StatusIs("awaiting-deposit"))],
        };

        yield return new Scenario("booking saga: card declined", BookingSaga.Name, () => Hold(TimeSpan.FromMinutes(10)), Activities(),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("released: Card declined."), CanonicalJson.Of("released"))
        {
            Events = [new PlannedEvent(BookingSaga.DepositSettledEvent, new DepositSettled("appt-1", false, "Card declined."), StatusIs("awaiting-deposit"))],
        };

        yield return new Scenario("booking saga: hold expires", BookingSaga.Name, () => Hold(TimeSpan.FromMilliseconds(1500)), Activities(),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("released: The deposit was not paid before the hold expired."), CanonicalJson.Of("released"));

        yield return new Scenario("booking saga: deposit request retried", BookingSaga.Name, () => Hold(TimeSpan.FromMinutes(10)),
            Activities((_, attempt) => attempt == 1 ? throw new InvalidOperationException("gateway unavailable") : deposit),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("confirmed"), CanonicalJson.Of("confirmed"))
        {
            Events = [new PlannedEvent(BookingSaga.DepositSettledEvent, new DepositSettled("appt-1", true, null), StatusIs("awaiting-deposit"))],
        };
    }

    private static IEnumerable<Scenario> GiftCardScenarios()
    {
        Dictionary<string, FakeActivity> Activities(bool sent) => new() { [nameof(SendGiftCardEmail)] = Returns(sent) };

        yield return new Scenario("gift card: sent when its time comes", GiftCardDelivery.Name,
            () => new GiftCardDeliveryInput(Tenant, "gift-purchase-1", DateTimeOffset.UtcNow.AddMilliseconds(1500)), Activities(true),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("delivered"), CanonicalJson.Of("delivered"));

        yield return new Scenario("gift card: due already, sent at once", GiftCardDelivery.Name,
            () => new GiftCardDeliveryInput(Tenant, "gift-purchase-2", DateTimeOffset.UtcNow.AddMinutes(-5)), Activities(false),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("nothing to deliver"), CanonicalJson.Of("nothing to deliver"));
    }

    private static IEnumerable<Scenario> ReminderScenarios()
    {
        var start = new DateTimeOffset(2030, 12, 10, 15, 0, 0, TimeSpan.Zero); // far from any run's clock: compared as written
        object Input() => new AppointmentRemindersInput(Tenant, "appt-1");

        // Planned when the run asks, so the reminders are as near the run's clock on both engines; one is past already.
        FakeActivity Plan(TimeSpan first, TimeSpan second) => (_, _) => new ReminderPlan(true, start,
            [new PlannedReminder("48h", DateTimeOffset.UtcNow.AddHours(-1)), new PlannedReminder("2h", DateTimeOffset.UtcNow + first), new PlannedReminder("after-care", DateTimeOffset.UtcNow + second)]);
        yield return new Scenario("reminders: each sent when its time comes, none for a time already past", AppointmentReminders.Name, Input,
            new Dictionary<string, FakeActivity> { [nameof(PlanReminders)] = Plan(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600)), [nameof(SendReminder)] = Returns("sent") },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("done: 2 sent"), CanonicalJson.Of("done"));

        // A change while waiting: the instance starts again on the appointment as it is now (cancelled: nothing to send).
        FakeActivity replan = (input, _) => Property(input, "Replans").GetInt32() == 0
            ? new ReminderPlan(true, start, [new PlannedReminder("2h", DateTimeOffset.UtcNow.AddHours(1))])
            : ReminderPlan.Stopped;
        yield return new Scenario("reminders: a cancellation stops them", AppointmentReminders.Name, Input,
            new Dictionary<string, FakeActivity> { [nameof(PlanReminders)] = replan, [nameof(SendReminder)] = Returns("sent") },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("stopped"), CanonicalJson.Of("stopped"))
        {
            Events = [new PlannedEvent(AppointmentReminders.ChangedEvent, "changed", StatusIs("waiting: 2h"))],
        };
    }

    private static IEnumerable<Scenario> DailySummaryScenarios()
    {
        // Fixed dates far from any run's clock, so they are compared as written (see CanonicalJson).
        var summary = new ClinicDaySummary(Tenant, "2030-11-30", 2, 8, 26, 20, 200,
            [new ExpiringCertification("staff-1", "Dana Injector", "RN licence", "2031-01-10")], new DateTimeOffset(2030, 11, 30, 6, 0, 0, TimeSpan.Zero));
        yield return new Scenario("daily summary", DailyClinicSummary.Name, () => new ClinicDayRequest(Tenant, "2030-11-30"),
            new Dictionary<string, FakeActivity> { [nameof(GatherClinicDay)] = Returns(summary), [nameof(SaveClinicSummary)] = Returns(null) },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of(summary), CanonicalJson.Of("done"));
    }

    private static IEnumerable<Scenario> SeriesScenarios()
    {
        var caller = new Caller("user-1", "desk@clinic.test", "Front Desk", Tenant, Role.FrontDesk);
        var request = new SeriesRequest("patient-1", "service-laser", "location-1", "staff-1", "2026-03-05T14:00:00-05:00", 3, 4);
        FakeActivity book = (input, _) =>
        {
            var session = Property(input, "Session");
            var number = Property(session, "Number").GetInt32();
            var desired = Property(session, "DesiredStart").GetString()!;
            return number == 2
                ? new SessionOutcome(number, desired, null, null, ["2026-04-03T15:00:00-04:00"], "That time is taken.")
                : new SessionOutcome(number, desired, $"appt-{number}", desired, [], null);
        };
        yield return new Scenario("treatment series across spring forward", TreatmentSeriesBooking.Name,
            () => new SeriesInput(caller, request, "America/New_York", "series-1"),
            new Dictionary<string, FakeActivity> { [nameof(BookSeriesSessionActivity)] = book },
            OrchestrationRuntimeStatus.Completed, null, CanonicalJson.Of("needs attention"));
    }

    private static IEnumerable<Scenario> WaitlistScenarios()
    {
        FreedSlot Slot(TimeSpan startsIn) => new("service-1", "location-1", "staff-1", DateTimeOffset.UtcNow + startsIn, "patient-9");
        // The freed time is described when the run asks, so its start is as far from the run's clock on both engines.
        Dictionary<string, FakeActivity> Activities(TimeSpan? startsIn, WaitlistRoundResult round, params WaitlistBookingOutcome[] outcomes) => new()
        {
            [nameof(DescribeFreedTime)] = (_, _) => startsIn is { } s ? Slot(s) : null,
            [nameof(SendWaitlistOffers)] = Returns(round),
            [nameof(BookWaitlistOffer)] = (_, attempt) => outcomes[Math.Min(attempt, outcomes.Length) - 1],
            [nameof(ExpireWaitlistOffers)] = Returns(null),
            [nameof(WithdrawWaitlistOffers)] = Returns(null),
        };
        object Input() => new WaitlistOfferInput(Tenant, "appt-freed");
        var accept = (string offer, string patient) => new WaitlistOfferAccepted(offer, patient);

        yield return new Scenario("waitlist: the time was not freed", WaitlistOffer.Name, Input,
            Activities(null, new(0, true)), OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("not-freed"), CanonicalJson.Of("not-freed"));
        yield return new Scenario("waitlist: too late to offer", WaitlistOffer.Name, Input,
            Activities(TimeSpan.FromMinutes(20), new(0, true)), OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("too-late"), CanonicalJson.Of("unfilled"));
        yield return new Scenario("waitlist: nobody matches", WaitlistOffer.Name, Input,
            Activities(TimeSpan.FromDays(1), new(0, true)), OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("no-match"), CanonicalJson.Of("unfilled"));
        yield return new Scenario("waitlist: taken before offering", WaitlistOffer.Name, Input,
            Activities(TimeSpan.FromDays(1), new(2, false)), OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("taken"), CanonicalJson.Of("taken"));
        yield return new Scenario("waitlist: first acceptance books", WaitlistOffer.Name, Input,
            Activities(TimeSpan.FromDays(1), new(2, true), WaitlistBookingOutcome.Booked), OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("booked"), CanonicalJson.Of("booked"))
        {
            Events = [new PlannedEvent(WaitlistOffer.AcceptedEvent, accept("offer-1", "patient-1"), StatusIs("round 1"))],
        };
        yield return new Scenario("waitlist: a failed booking waits for the next acceptance", WaitlistOffer.Name, Input,
            Activities(TimeSpan.FromDays(1), new(2, true), WaitlistBookingOutcome.Failed, WaitlistBookingOutcome.Booked),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("booked"), CanonicalJson.Of("booked"))
        {
            Events =
            [
                new PlannedEvent(WaitlistOffer.AcceptedEvent, accept("offer-1", "patient-1"), StatusIs("round 1")),
                new PlannedEvent(WaitlistOffer.AcceptedEvent, accept("offer-2", "patient-2"), p => p.Calls.Any(c => c.Name == nameof(BookWaitlistOffer))),
            ],
        };
    }

    private static IEnumerable<Scenario> FeatureScenarios()
    {
        var echo = new Dictionary<string, FakeActivity> { ["Echo"] = (input, _) => input!.Value.GetString() };
        yield return new Scenario("feature: durable timer", "Conformance.TimerThenActivity", () => null, echo,
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("after the timer"));

        yield return new Scenario("feature: event before the timeout", "Conformance.EventOrTimeout", () => 30_000, new Dictionary<string, FakeActivity>(),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("answer: yes"), CanonicalJson.Of("answered"))
        {
            Events = [new PlannedEvent("Answer", "yes", StatusIs("waiting"))],
        };
        yield return new Scenario("feature: event timeout", "Conformance.EventOrTimeout", () => 500, new Dictionary<string, FakeActivity>(),
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("timed out"), CanonicalJson.Of("timed out"));

        yield return new Scenario("feature: retry until success", "Conformance.RetryUntilSuccess", () => null,
            new Dictionary<string, FakeActivity> { ["Flaky"] = (_, attempt) => attempt < 3 ? throw new InvalidOperationException($"attempt {attempt} failed") : $"ok after {attempt}" },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("ok after 3"));
        var broken = new Dictionary<string, FakeActivity> { ["Broken"] = (_, _) => throw new ArgumentException("always broken") };
        yield return new Scenario("feature: retries run out", "Conformance.RetriesRunOut", () => null, broken,
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of("gave up on Broken"), CanonicalJson.Of("System.ArgumentException"));
        yield return new Scenario("feature: unhandled activity failure", "Conformance.UnhandledActivityFailure", () => null, broken,
            OrchestrationRuntimeStatus.Failed);

        yield return new Scenario("feature: sub-orchestrations", "Conformance.Parent", () => null,
            new Dictionary<string, FakeActivity> { ["Double"] = (input, _) => input!.Value.GetInt32() * 2 },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of(new[] { 2, 4, 6 })) { CallsInAnyOrder = true };
        yield return new Scenario("feature: continue as new", "Conformance.CountWithContinueAsNew", () => 0,
            new Dictionary<string, FakeActivity> { ["Increment"] = (input, _) => input!.Value.GetInt32() + 1 },
            OrchestrationRuntimeStatus.Completed, CanonicalJson.Of(3));
    }
}
