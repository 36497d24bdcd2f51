using System.Reflection;
using MedSpa.Core.Files;
using MedSpa.Infrastructure.Identity;

namespace MedSpa.Functions.Platform;

/// <summary>Liveness plus what this instance runs on, so an operator sees at a glance which adapters are live.</summary>
public sealed class Health(IDocumentStore store, IFileStore files, IdentityOptions identity, MedSpa.Core.Payments.IPaymentGateway payments)
{
    public static readonly string Version =
        typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    [Function("Health")]
    [Anonymous]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        Responses.Json(new
        {
            Status = "ok",
            Version,
            Store = store.Kind,
            FileStore = files.Kind,
            IdentityProvider = identity.IsLocal ? "local-oidc" : identity.IsEntra ? "entra-external-id" : "azure-ad-b2c",
            Payments = payments.Kind,
        });
}
