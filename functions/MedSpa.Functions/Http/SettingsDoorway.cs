using MedSpa.Core.Settings;

namespace MedSpa.Functions.Http;

/// <summary>
/// The two doorways of every clinic settings document: read it with its version, and save it with If-Match from a
/// wire contract that names every setting (so a save never resets one the client left out).
/// </summary>
public static class SettingsDoorway
{
    public static async Task<IActionResult> ReadAsync<T>(HttpRequest request, ClinicSettingsStore<T> store, string tenantId, Func<T, object> toWire, CancellationToken ct)
        where T : class, IClinicSettings<T>, new()
    {
        var document = await store.GetAsync(tenantId, ct);
        return Responses.Item(request, document.ETag, toWire(document.Body));
    }

    public static Task<IActionResult> SaveAsync<T, TContract>(HttpRequest request, FunctionContext context, ClinicSettingsStore<T> store, Func<TContract, T> fromWire, Func<T, object> toWire)
        where T : class, IClinicSettings<T>, new()
        where TContract : class =>
        RequestBody.HandleAsync<TContract>(request, context, async body =>
        {
            var saved = await store.UpdateAsync(context.GetCaller().TenantId, fromWire(body), Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(saved, d => Responses.Item(request, d.ETag, toWire(d.Body)));
        });
}
