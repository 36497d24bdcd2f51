using MedSpa.Core.Orchestrations;
using MedSpa.Core.Patients;
using MedSpa.Core.Reporting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Orchestrations;

public sealed record ClinicDayRequest(string TenantId, string Date);

/// <summary>
/// Each morning, one orchestration per clinic gathers its day summary (setup counts, certifications to renew) and
/// stores it. Small, but it exercises the whole durable path: timer trigger, client, orchestrator, retried activities.
/// </summary>
public static class DailyClinicSummary
{
    public const string Name = "DailyClinicSummary";
    public const string InstanceKind = "daily-summary";


    [Function(Name)]
    public static async Task<ClinicDaySummary> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<ClinicDayRequest>() ?? throw new InvalidOperationException("A clinic and date are required.");
        context.SetCustomStatus("gathering");
        var summary = await context.CallActivityAsync<ClinicDaySummary>(nameof(GatherClinicDay), request, ActivityRetry.Policy);
        context.SetCustomStatus("saving");
        await context.CallActivityAsync(nameof(SaveClinicSummary), summary, ActivityRetry.Policy);
        context.SetCustomStatus("done");
        return summary;
    }

    /// <summary>Starts today's run for a clinic unless it already exists: the instance id makes it idempotent.</summary>
    public static async Task<string> StartAsync(DurableTaskClient client, string tenantId, DateOnly date, CancellationToken ct)
    {
        var instanceId = InstanceIds.For(tenantId, InstanceKind, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Name, new ClinicDayRequest(tenantId, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new StartOrchestrationOptions(instanceId), ct);
        }

        return instanceId;
    }
}

public sealed class StartDailyClinicSummaries(ClinicStore clinics, TimeProvider clock, ILogger<StartDailyClinicSummaries> logger)
{
    [Function(nameof(StartDailyClinicSummaries))]
    public async Task Run([TimerTrigger("0 0 6 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var clinic in await clinics.ListAsync(context.CancellationToken))
        {
            var instanceId = await DailyClinicSummary.StartAsync(client, clinic.TenantId, today, context.CancellationToken);
            logger.LogInformation("Daily summary for {Tenant}: {InstanceId}", clinic.TenantId, instanceId);
        }
    }
}

/// <summary>Reads the clinic's setup and patient count; the rules of the summary live in MedSpa.Core.</summary>
public sealed class GatherClinicDay(ClinicSetupStore setup, PatientStore patients, TimeProvider clock)
{
    [Function(nameof(GatherClinicDay))]
    public async Task<ClinicDaySummary> Run([ActivityTrigger] ClinicDayRequest request, FunctionContext context)
    {
        var clinic = await setup.LoadAsync(request.TenantId, context.CancellationToken);
        var patientCount = await patients.CountAsync(request.TenantId, context.CancellationToken);
        var date = DateOnly.Parse(request.Date, System.Globalization.CultureInfo.InvariantCulture);
        return ClinicDaySummary.Compute(request.TenantId, date, clinic.Locations, clinic.Staff, clinic.Services, patientCount, clock.GetUtcNow());
    }
}

/// <summary>Stores the summary under its date (idempotent: a second run rewrites it).</summary>
public sealed class SaveClinicSummary(ClinicDaySummaryStore summaries)
{
    [Function(nameof(SaveClinicSummary))]
    public Task Run([ActivityTrigger] ClinicDaySummary summary, FunctionContext context) =>
        summaries.SaveAsync(summary, context.CancellationToken);
}
