using MedSpa.LocalHost.Hosting;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;
using NCrontab;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Timers;

/// <summary>
/// Runs [TimerTrigger] functions on their NCRONTAB schedules (six fields, seconds first, as in Azure Functions), in UTC.
/// A schedule may name an app setting as %Name%, as the Functions host allows.
/// </summary>
internal sealed class TimerTriggerScheduler(
    IReadOnlyList<FunctionDescriptor> functions,
    FunctionExecutionDelegate pipeline,
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Trigger is TimerTriggerAttribute && !IsDisabled(f)).Select(f => RunScheduleAsync(f, stoppingToken)));

    /// <summary>The Functions host's switch: the app setting <c>AzureWebJobs.{name}.Disabled</c> set to true keeps a function from running.</summary>
    private bool IsDisabled(FunctionDescriptor function) => Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue<bool>(configuration, $"AzureWebJobs.{function.Name}.Disabled");

    private async Task RunScheduleAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        var trigger = (TimerTriggerAttribute)function.Trigger;
        var expression = trigger.Schedule.StartsWith('%') ? configuration[trigger.Schedule.Trim('%')] ?? trigger.Schedule : trigger.Schedule;
        var schedule = Parse(expression);
        var last = time.GetUtcNow().UtcDateTime;
        if (trigger.RunOnStartup)
        {
            await InvokeAsync(function, last, schedule.GetNextOccurrence(last), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
            var delay = next - time.GetUtcNow().UtcDateTime;
            try
            {
                await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await InvokeAsync(function, last, schedule.GetNextOccurrence(next), stoppingToken);
            last = next;
        }
    }

    private async Task InvokeAsync(FunctionDescriptor function, DateTime last, DateTime next, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = new LocalFunctionContext(function, scope.ServiceProvider, ct);
        var now = time.GetUtcNow().UtcDateTime;
        context.BindingData[function.TriggerParameter] = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last, Next = next, LastUpdated = now },
        };
        try
        {
            await pipeline(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As in Azure: a failed timer run is logged and the schedule goes on.
            logger.LogError(e, "Timer function {Function} failed", function.Name);
        }
    }
}
