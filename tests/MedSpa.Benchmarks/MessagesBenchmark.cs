using System.Diagnostics;
using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;
using MedSpa.Fakes.Acs;
using MedSpa.Functions;
using MedSpa.Infrastructure.Seeding;
using MedSpa.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MedSpa.Core.Common;

namespace MedSpa.Benchmarks;

/// <summary>
/// The outbox under a burst (the "messages" mode, see README.md): N reminders due in the same minute — each to a patient
/// with an email address and a mobile number, at a daytime hour in the clinic's zone — sent by the app's own sender
/// through its ACS adapter (HMAC-signed HTTP) to the ACS fake on Kestrel, on SQLite. Prints how long until every one
/// was sent, and checks that each went exactly once by email and once by text.
/// </summary>
public static class MessagesBenchmark
{
    private const string Tenant = DemoClinic.DemoTenantId;

    public static async Task<int> RunAsync(string[] args)
    {
        int count = HttpBenchmark.ArgValue(args, "--messages", 10_000);
        int patientCount = HttpBenchmark.ArgValue(args, "--patients", 500);
        string dataDir = Path.Combine(Path.GetTempPath(), $"medspa-messages-bench-{Guid.NewGuid():N}");

        // 17:00 UTC today: noon in New York, so the texts are not kept back for the night.
        var daytime = new ShiftedClock(DateTimeOffset.UtcNow.Date.AddHours(17) - DateTimeOffset.UtcNow);
        var app = LocalFunctionsHost.Build(
            [
                $"--urls=http://127.0.0.1:{HttpBenchmark.FreeLoopbackPort()}",
                $"--DataDir={dataDir}",
                "--LocalSignIn:Enabled=false",
                "--LocalAzurite:Enabled=false",
                "--Seed:Demo=false",
                $"--AcsFake:Port={HttpBenchmark.FreeLoopbackPort()}",
                $"--StripeFake:Port={HttpBenchmark.FreeLoopbackPort()}",
                "--AzureWebJobs.SendDueMessages.Disabled=true", // the benchmark runs the sender itself, and times it
                "--AzureWebJobs.RepairReminders.Disabled=true",
                "--Logging:LogLevel:Default=Warning",
            ],
            typeof(MedSpaApp).Assembly,
            MedSpaApp.Configure,
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(daytime)));
        await app.StartAsync();
        try
        {
            var services = app.Services;
            await services.GetRequiredService<DemoClinic>().SeedAsync(Tenant, "Demo", "demo.medspa.test", patientCount);
            var store = services.GetRequiredService<IDocumentStore>();
            var patients = (await store.QueryAllAsync<Patient>(Partitions.Patients, Partitions.Tenant(Tenant), new DocumentQuery())).Select(d => d.Body).Where(p => p.Email is not null).ToList();
            for (var i = 0; i < patients.Count; i++)
            {
                var phone = $"+1212{i:D7}";
                await store.ChangeAsync<Patient>(Partitions.Patients, Partitions.Tenant(Tenant), patients[i].Id, p => p with { Phone = phone, SmsOptedOut = false });
            }

            var notices = services.GetRequiredService<PatientNoticeStore>();
            var now = daytime.GetUtcNow();
            var writing = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                await notices.RecordAsync(new PatientNotice($"bench:{i:D6}", Tenant, patients[i % patients.Count].Id, "Your appointment is coming up",
                    $"A reminder: Signature facial at SoHo tomorrow at 10:00 AM. (#{i})", now.AddSeconds(-(i % 60))), ct));
            Console.WriteLine($"cores:                     {Environment.ProcessorCount}, .NET {Environment.Version}");
            Console.WriteLine($"due:                       {count} reminders in the same minute, to {patients.Count} patients (email and mobile each); written in {writing.Elapsed.TotalSeconds:F1} s");

            var fake = services.GetRequiredService<AcsFake>();
            var sender = services.GetRequiredService<SendDueMessages>();
            var clock = Stopwatch.StartNew();
            var runs = 0;
            while (clock.Elapsed < TimeSpan.FromMinutes(5) && (fake.Emails.Count < count || fake.Sms.Count < count))
            {
                await sender.RunAsync();
                runs++;
            }

            var elapsed = clock.Elapsed;
            var smsTags = fake.Sms.Select(s => s.Tag).ToList();
            var emailIds = fake.Emails.Select(e => e.OperationId).ToList();
            var exactlyOnce = smsTags.Count == count && smsTags.Distinct().Count() == count && emailIds.Count == count && emailIds.Distinct().Count() == count;
            Console.WriteLine($"sent:                      {fake.Sms.Count} texts and {fake.Emails.Count} emails in {elapsed.TotalSeconds:F1} s ({runs} sender runs; {2 * count / elapsed.TotalSeconds:F0} messages/s)");
            Console.WriteLine($"exactly once each:         {(exactlyOnce ? "yes" : "NO")}");
            Console.WriteLine($"target:                    {count} reminders within 60 s: {(exactlyOnce && elapsed <= TimeSpan.FromSeconds(60) ? "met" : "NOT met")}");
            return exactlyOnce ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }

    /// <summary>The real clock, moved by a fixed offset.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
