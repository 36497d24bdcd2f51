namespace MedSpa.Core.Tests.Common;

public sealed class DomainEventQueueTests
{
    [Fact]
    public async Task Events_raised_in_awaited_work_land_in_the_request_that_collects_them_and_are_taken_once()
    {
        var queue = new DomainEventQueue();
        queue.BeginCollecting();

        await Task.Run(() => queue.Raise(new AppointmentFreedItsTime("t1", "a1")));
        await RaiseLaterAsync(queue, new AppointmentFreedItsTime("t1", "a2"));

        queue.TakeAll().ShouldBe([new AppointmentFreedItsTime("t1", "a1"), new AppointmentFreedItsTime("t1", "a2")]);
        queue.TakeAll().ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_requests_never_see_each_others_events()
    {
        var queue = new DomainEventQueue();
        async Task<IReadOnlyList<IDomainEvent>> RequestAsync(string id)
        {
            queue.BeginCollecting();
            await RaiseLaterAsync(queue, new AppointmentFreedItsTime("t1", id));
            return queue.TakeAll();
        }

        var both = await Task.WhenAll(Task.Run(() => RequestAsync("a1")), Task.Run(() => RequestAsync("a2")));

        both[0].ShouldBe([new AppointmentFreedItsTime("t1", "a1")]);
        both[1].ShouldBe([new AppointmentFreedItsTime("t1", "a2")]);
    }

    [Fact]
    public void Raising_outside_a_collecting_request_throws_instead_of_losing_the_event()
    {
        var queue = new DomainEventQueue();

        var raised = Should.Throw<InvalidOperationException>(() => queue.Raise(new AppointmentFreedItsTime("t1", "a1")));

        raised.Message.ShouldContain(nameof(AppointmentFreedItsTime));
        queue.TakeAll().ShouldBeEmpty();
    }

    private static async Task RaiseLaterAsync(DomainEventQueue queue, IDomainEvent domainEvent)
    {
        await Task.Yield();
        queue.Raise(domainEvent);
    }
}
