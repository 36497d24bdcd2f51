using MedSpa.Core.Orchestrations;
using MedSpa.Core.Reminders;
using MedSpa.Functions.Events;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MedSpa.Functions.Orchestrations;

/// <param name="Replans">How many times the appointment changed under a running instance (each change starts it again).</param>
public sealed record AppointmentRemindersInput(string TenantId, string AppointmentId, int Replans = 0);

/// <summary>
/// One instance per appointment: plans its reminders, waits with a durable timer until each is due, and sends it. A
/// change to the appointment (moved, cancelled) arrives as <see cref="ChangedEvent"/>: the wait ends and the instance
/// starts again on the appointment as it now is (a cancelled one has nothing left to send). A restart resumes the wait;
/// the send itself checks the appointment still stands at the planned time, so nothing goes out for a moved visit.
/// </summary>
public static class AppointmentReminders
{
    public const string Name = "AppointmentReminders";
    public const string ChangedEvent = "AppointmentChanged";

    public static string InstanceIdFor(string tenantId, string appointmentId) => InstanceIds.For(tenantId, "reminders", appointmentId);

    [Function(Name)]
    public static async Task<string> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<AppointmentRemindersInput>() ?? throw new InvalidOperationException("Reminders need their appointment.");
        var plan = await context.CallActivityAsync<ReminderPlan>(nameof(PlanReminders), input, ActivityRetry.Policy);
        if (!plan.Stands)
        {
            context.SetCustomStatus("stopped");
            return "stopped";
        }

        var sent = 0;
        foreach (var reminder in plan.Reminders.Where(r => r.At.UtcDateTime > context.CurrentUtcDateTime))
        {
            context.SetCustomStatus($"waiting: {reminder.Key}");
            try
            {
                await context.WaitForExternalEvent<string>(ChangedEvent, reminder.At.UtcDateTime - context.CurrentUtcDateTime);
                context.ContinueAsNew(input with { Replans = input.Replans + 1 }); // changed: plan again from the appointment as it is now
                return "re-planned";
            }
            catch (TaskCanceledException)
            {
                // Its time came, and nothing changed meanwhile.
            }

            var outcome = await context.CallActivityAsync<string>(nameof(SendReminder), new ReminderDue(input.TenantId, input.AppointmentId, reminder.Key, plan.Start), ActivityRetry.Policy);
            sent += outcome == "sent" ? 1 : 0;
        }

        context.SetCustomStatus("done");
        return $"done: {sent} sent";
    }

    /// <summary>Starts an appointment's reminders unless they run already (the instance id is the appointment's).</summary>
    public static async Task StartAsync(DurableTaskClient client, string tenantId, string appointmentId, CancellationToken ct)
    {
        var instanceId = InstanceIdFor(tenantId, appointmentId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null or { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated })
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Name, new AppointmentRemindersInput(tenantId, appointmentId), new StartOrchestrationOptions(instanceId), ct);
        }
    }

    /// <summary>Tells a running instance its appointment changed (none running: nothing to tell).</summary>
    public static async Task TellChangedAsync(DurableTaskClient client, string tenantId, string appointmentId, CancellationToken ct)
    {
        var instanceId = InstanceIdFor(tenantId, appointmentId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
        {
            await client.RaiseEventAsync(instanceId, ChangedEvent, "changed", ct);
        }
    }
}

public sealed class PlanReminders(PlanAppointmentReminders plan)
{
    [Function(nameof(PlanReminders))]
    public Task<ReminderPlan> Run([ActivityTrigger] AppointmentRemindersInput input, FunctionContext context) =>
        plan.PlanAsync(input.TenantId, input.AppointmentId, context.CancellationToken);
}

public sealed class SendReminder(SendAppointmentReminder send)
{
    [Function(nameof(SendReminder))]
    public Task<string> Run([ActivityTrigger] ReminderDue due, FunctionContext context) => send.SendAsync(due, context.CancellationToken);
}

/// <summary>A booking that stands starts its reminders.</summary>
public sealed class StartRemindersWhenBooked : DomainEventHandler<AppointmentBooked>
{
    protected override Task HandleAsync(AppointmentBooked booked, DurableTaskClient client, CancellationToken ct) =>
        AppointmentReminders.StartAsync(client, booked.TenantId, booked.AppointmentId, ct);
}

/// <summary>A moved appointment's reminders are planned again for its new time.</summary>
public sealed class ReplanRemindersWhenMoved : DomainEventHandler<AppointmentMoved>
{
    protected override Task HandleAsync(AppointmentMoved moved, DurableTaskClient client, CancellationToken ct) =>
        AppointmentReminders.TellChangedAsync(client, moved.TenantId, moved.AppointmentId, ct);
}

/// <summary>A cancelled appointment's reminders stop (the instance plans again and finds nothing to send).</summary>
public sealed class StopRemindersWhenFreed : DomainEventHandler<AppointmentFreedItsTime>
{
    protected override Task HandleAsync(AppointmentFreedItsTime freed, DurableTaskClient client, CancellationToken ct) =>
        AppointmentReminders.TellChangedAsync(client, freed.TenantId, freed.AppointmentId, ct);
}

/// <summary>
/// Every hour, starts the reminders of any appointment in the coming two weeks (or of a visit in the last days, whose
/// after-care and review are still to come) that has none — a booking confirmed by its deposit, approved by staff,
/// made by a series or the waitlist, or one whose instance failed.
/// </summary>
public sealed class RepairRemindersTimer(FindAppointmentsNeedingReminders find)
{
    [Function("RepairReminders")]
    public async Task Run([TimerTrigger("0 20 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        foreach (var (tenantId, appointmentId) in await find.FindAsync(context.CancellationToken))
        {
            await AppointmentReminders.StartAsync(client, tenantId, appointmentId, context.CancellationToken);
        }
    }
}
