using MedSpa.Core.Access;
using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Messaging;

/// <summary>
/// Wishes patients a happy birthday on the day, from 10:00 in the clinic's zone, in the clinic's words — when the clinic
/// turned greetings on. A greeting is marketing: only patients who agreed to marketing emails get it, by email (never
/// by text), and never a closed record or a patient no longer active. Once a year each: the notice is named after the
/// patient and the year, so the hourly run repeats nothing. A 29 February birthday is wished on 28 February in other years.
/// </summary>
public sealed class SendBirthdayGreetings(ClinicStore clinics, Setup.ClinicSetupStore setup, MessageTemplateStore templates, IDocumentStore store, PatientNoticeStore notices, TimeProvider clock)
{
    /// <summary>Not before this time of the clinic's day: a greeting is not a wake-up call.</summary>
    public static readonly TimeOnly SendFrom = new(10, 0);

    /// <returns>How many greetings were recorded for the outbox.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var recorded = 0;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            if (!(await templates.GetAsync(clinic.TenantId, ct)).Body.BirthdayGreetings)
            {
                continue;
            }

            var zone = ClinicTime.For((await setup.LoadAsync(clinic.TenantId, ct)).MainLocation?.TimeZone ?? "UTC");
            var now = clock.GetUtcNow();
            if (TimeOnly.FromDateTime(zone.LocalDateTime(now)) < SendFrom)
            {
                continue;
            }

            var today = zone.LocalDate(now);
            foreach (var patient in await BornOnAsync(clinic.TenantId, today, ct))
            {
                var id = $"birthday:{patient.Id}:{today.Year}";
                var words = MessageCatalog.For(MessageKind.Birthday);
                await notices.RecordAsync(new PatientNotice(id, clinic.TenantId, patient.Id, MessageCatalog.Render(words.Subject, new Dictionary<string, string> { ["firstName"] = patient.FirstName }),
                    MessageCatalog.Render(words.Email, new Dictionary<string, string> { ["clinic"] = clinic.Name, ["link"] = PlanMessage.PatientAppointmentsPath }), now)
                {
                    Marketing = true, Template = MessageKind.Birthday, Values = new Dictionary<string, string>(), UsefulUntil = zone.EndOfDay(today),
                }, ct);
                recorded++;
            }
        }

        return recorded;
    }

    /// <summary>Active patients born on this day of the year who agreed to marketing emails.</summary>
    private async Task<IReadOnlyList<Patient>> BornOnAsync(string tenantId, DateOnly today, CancellationToken ct)
    {
        var days = new List<string> { today.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        if (today is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(today.Year))
        {
            days.Add("02-29");
        }

        var born = new List<Patient>();
        foreach (var day in days)
        {
            born.AddRange((await store.QueryAllAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId),
                    new DocumentQuery { PageSize = DocumentQuery.MaxPageSize }.Where(nameof(Patient.Birthday), FilterOperator.Equal, day), ct))
                .Select(d => d.Body)
                .Where(p => !p.Archived && p.Status == PatientStatus.Active && p.ProfileType == ProfileType.Patient
                    && p.CommunicationPreferences.MarketingEmails && !string.IsNullOrEmpty(p.Email)));
        }

        return born;
    }
}
