using MedSpa.Core.Billing;
using MedSpa.Core.Reporting;

namespace MedSpa.Functions.Reporting;

/// <summary>GET /api/reports/financial?from=&amp;to=[&amp;locationId=]: sales, tax, tips, payments and refunds by tender, by day.</summary>
public sealed class FinancialReportFunctions(FinancialReport report)
{
    [Function("FinancialReport")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/financial")] HttpRequest request, FunctionContext context) =>
        Responses.From(
            await report.ForRangeAsync(context.GetCaller(), Query.Text(request, "from"), Query.Text(request, "to"), Query.Text(request, "locationId"), context.CancellationToken),
            r => Responses.Json(new JsonObject
            {
                ["from"] = r.From,
                ["to"] = r.To,
                ["timeZone"] = r.TimeZone,
                ["currency"] = r.Currency,
                ["locationId"] = r.LocationId,
                ["invoicesIssued"] = r.InvoicesIssued,
                ["invoicesVoided"] = r.InvoicesVoided,
                ["netSales"] = r.NetSales,
                ["tax"] = r.Tax,
                ["tips"] = r.Tips,
                ["invoiced"] = r.Invoiced,
                ["payments"] = ByTender(r.PaymentsByTender),
                ["refunds"] = ByTender(r.RefundsByTender),
                ["moneyIn"] = r.MoneyIn,
                ["days"] = new JsonArray([.. r.Days.Select(d => (JsonNode)new JsonObject
                {
                    ["date"] = d.Date,
                    ["netSales"] = d.NetSales,
                    ["tax"] = d.Tax,
                    ["tips"] = d.Tips,
                    ["payments"] = d.Payments,
                    ["refunds"] = d.Refunds,
                })]),
            }));

    private static JsonObject ByTender(IReadOnlyDictionary<Tender, long> amounts)
    {
        var json = new JsonObject();
        foreach (var (tender, amount) in amounts)
        {
            json[WireNames.Of(tender)] = amount;
        }

        json["total"] = amounts.Values.Sum();
        return json;
    }
}
