using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask;
using Moq;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Tests.Waitlist;

/// <summary>The WaitlistOffer orchestrator on its own, against a mocked context: rounds, windows, first acceptance.</summary>
public sealed class WaitlistOfferOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 15, 0, 0, DateTimeKind.Utc);
    private static readonly FreedSlot Slot = new("botox", "soho", "voss", new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.FromHours(-5)), "patient-1");

    private static async Task<WaitlistOfferAccepted> NeverUnlessCancelled(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    }

    private static Mock<TaskOrchestrationContext> Context(Func<int, CancellationToken, Task<WaitlistOfferAccepted>> acceptances, WaitlistBookingOutcome outcome = WaitlistBookingOutcome.Booked)
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<WaitlistOfferInput>()).Returns(new WaitlistOfferInput("demo", "appt-1"));
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.CallActivityAsync<FreedSlot>(It.Is<TaskName>(n => n.Name == nameof(DescribeFreedTime)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(Slot);
        context.Setup(c => c.CallActivityAsync<WaitlistRoundResult>(It.Is<TaskName>(n => n.Name == nameof(SendWaitlistOffers)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new WaitlistRoundResult(3, true));
        context.Setup(c => c.CallActivityAsync<WaitlistBookingOutcome>(It.Is<TaskName>(n => n.Name == nameof(BookWaitlistOffer)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(outcome);
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.CompletedTask);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var waits = 0;
        context.Setup(c => c.WaitForExternalEvent<WaitlistOfferAccepted>(WaitlistOffer.AcceptedEvent, It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) => acceptances(++waits, token));
        return context;
    }

    [Fact]
    public async Task A_closed_window_offers_the_next_round_and_the_first_acceptance_there_is_booked()
    {
        // Round 1: the window closes with no answer. Round 2: an acceptance arrives.
        var context = Context((wait, token) => wait == 1 ? NeverUnlessCancelled(token) : Task.FromResult(new WaitlistOfferAccepted("offer-4", "patient-4")));

        var result = await WaitlistOffer.RunOrchestrator(context.Object);

        result.ShouldBe("booked");
        context.Verify(c => c.CallActivityAsync<WaitlistRoundResult>(It.Is<TaskName>(n => n.Name == nameof(SendWaitlistOffers)),
            It.Is<object?>(o => ((WaitlistRound)o!).Round == 1 && ((WaitlistRound)o!).ExpiresAt == new DateTimeOffset(Now.AddMinutes(30))), It.IsAny<TaskOptions?>()));
        context.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(ExpireWaitlistOffers)),
            It.Is<object?>(o => ((WaitlistOffer.WaitlistRoundEnd)o!).Round == 1), It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<WaitlistRoundResult>(It.Is<TaskName>(n => n.Name == nameof(SendWaitlistOffers)),
            It.Is<object?>(o => ((WaitlistRound)o!).Round == 2), It.IsAny<TaskOptions?>()));
        context.Verify(c => c.CallActivityAsync<WaitlistBookingOutcome>(It.Is<TaskName>(n => n.Name == nameof(BookWaitlistOffer)),
            It.Is<object?>(o => ((WaitlistAcceptance)o!).OfferId == "offer-4" && ((WaitlistAcceptance)o!).FreedAppointmentId == "appt-1"), It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(WithdrawWaitlistOffers)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public async Task With_no_acceptance_it_stops_after_the_last_round()
    {
        var context = Context((_, token) => NeverUnlessCancelled(token));

        var result = await WaitlistOffer.RunOrchestrator(context.Object);

        result.ShouldBe("unfilled");
        context.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(ExpireWaitlistOffers)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()),
            Times.Exactly(WaitlistOfferRules.MaxRounds));
        context.Verify(c => c.CallActivityAsync<WaitlistBookingOutcome>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }
}
