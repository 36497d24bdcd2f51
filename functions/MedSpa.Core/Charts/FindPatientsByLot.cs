using MedSpa.Core.Patients;

namespace MedSpa.Core.Charts;

/// <summary>A visit at which a product of the recalled lot was injected: who, when, by whom, and how much.</summary>
public sealed record LotUse(Chart Chart, string PatientName, string Product, string Lot, decimal Units, decimal Millilitres);

/// <summary>
/// A manufacturer's recall: every patient injected from one lot, from the lots charted on each point (case and
/// surrounding spaces ignored), the latest visit first. For admins, who contact the patients; every search is audited.
/// Reads all of the clinic's charts: a recall is rare, and the lot is inside each chart's map.
/// </summary>
public sealed class FindPatientsByLot(ChartStore charts, PatientStore patients)
{
    public async Task<Result<IReadOnlyList<LotUse>>> FindAsync(Caller caller, string? lot, CancellationToken ct = default)
    {
        if (caller.Role != Role.Admin)
        {
            return new Error.Forbidden("Only an admin searches charts by lot.");
        }

        var wanted = lot?.Trim();
        if (string.IsNullOrEmpty(wanted) || wanted.Length > 60 || wanted.Any(char.IsControl))
        {
            return Error.Invalid.Field("lot", "The lot number as printed on the box: 1 to 60 characters.");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var uses = new List<LotUse>();
        foreach (var chart in (await charts.AllAsync(caller.TenantId, ct)).Select(d => d.Body))
        {
            var used = chart.Map.Points.Where(p => string.Equals(p.Lot?.Trim(), wanted, StringComparison.OrdinalIgnoreCase)).GroupBy(p => p.Product, StringComparer.OrdinalIgnoreCase);
            foreach (var product in used)
            {
                if (!names.TryGetValue(chart.PatientId, out var name))
                {
                    names[chart.PatientId] = name = (await patients.GetAsync(caller.TenantId, chart.PatientId, ct))?.DisplayName ?? "Unknown patient";
                }

                uses.Add(new LotUse(chart, name, product.Key, product.First().Lot!.Trim(), product.Sum(p => p.Units ?? 0), product.Sum(p => p.Millilitres ?? 0)));
            }
        }

        return uses;
    }
}
