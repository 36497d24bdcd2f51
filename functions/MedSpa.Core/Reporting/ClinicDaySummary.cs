namespace MedSpa.Core.Reporting;

public sealed record ExpiringCertification(string StaffId, string StaffName, string Certification, string ExpiresOn);

/// <summary>The morning summary of a clinic: what is set up and which practitioner certifications need renewing.</summary>
public sealed record ClinicDaySummary(
    string TenantId,
    string Date,
    int Locations,
    int Practitioners,
    int Services,
    int OnlineBookableServices,
    int Patients,
    IReadOnlyList<ExpiringCertification> ExpiringCertifications,
    DateTimeOffset GeneratedAt)
{
    /// <summary>How far ahead a certification counts as expiring: long enough to book a renewal course.</summary>
    public const int RenewalWindowDays = 60;

    /// <summary>Pure: counts and certification alerts from the clinic's setup as of <paramref name="today"/>.</summary>
    public static ClinicDaySummary Compute(
        string tenantId,
        DateOnly today,
        IReadOnlyCollection<Location> locations,
        IReadOnlyCollection<StaffMember> staff,
        IReadOnlyCollection<Service> services,
        int patients,
        DateTimeOffset generatedAt)
    {
        var horizon = today.AddDays(RenewalWindowDays);
        var expiring = staff
            .Where(s => !s.Deleted)
            .SelectMany(s => (s.Practitioner?.Certifications ?? []).Select(c => (Staff: s, Certification: c)))
            .Where(x => DateOnly.TryParseExact(x.Certification.ExpiresOn, "yyyy-MM-dd", out var expires) && expires <= horizon)
            .OrderBy(x => x.Certification.ExpiresOn, StringComparer.Ordinal)
            .ThenBy(x => x.Staff.Id, StringComparer.Ordinal)
            .Select(x => new ExpiringCertification(x.Staff.Id, x.Staff.DisplayName, x.Certification.Name, x.Certification.ExpiresOn))
            .ToList();

        return new ClinicDaySummary(
            tenantId,
            today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            locations.Count(l => !l.Deleted),
            staff.Count(s => !s.Deleted && s.Role == StaffRole.Practitioner),
            services.Count(s => !s.Deleted),
            services.Count(s => !s.Deleted && s.OnlineBookable),
            patients,
            expiring,
            generatedAt);
    }
}
