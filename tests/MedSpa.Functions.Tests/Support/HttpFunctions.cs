using System.Reflection;
using System.Text.RegularExpressions;
using MedSpa.Functions.Access;
using MedSpa.LocalHost.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.Functions.Tests.Support;

/// <summary>Every HTTP function of the app, found by reflection, so a new function is covered by the suites the day it is added.</summary>
public static partial class HttpFunctions
{
    public sealed record Endpoint(string Name, string Method, string Route, MethodInfo Function)
    {
        public bool IsAnonymous => Function.GetCustomAttribute<AnonymousAttribute>() is not null;

        public bool IsSignedInOnly => Function.GetCustomAttribute<SignedInAttribute>() is not null;

        public Role? Roles => Function.GetCustomAttribute<CallableByAttribute>()?.Roles;

        public bool HasBody => Method is "POST" or "PUT" or "PATCH";

        public bool HasId => Route.Contains("{id}", StringComparison.Ordinal) || Route.Contains("{instanceId}", StringComparison.Ordinal)
            || Route.Contains("{offerId}", StringComparison.Ordinal);

        /// <summary>The kind of setup item whose id fills {id} (by the route's first segment).</summary>
        public string? IdKind => Route.Split('/')[0] switch
        {
            "locations" => "location",
            "staff" or "practitioners" => "staff",
            "services" => "service",
            "rooms" => "room",
            "equipment" => "equipment",
            "patients" when HasId => "patient",
            "forms" when HasId => "form",
            "charts" when Route.StartsWith("charts/templates/", StringComparison.Ordinal) => "chart-template",
            "charts" when HasId => "chart",
            "photos" when HasId => "photo",
            "invoices" when HasId => "invoice",
            "payments" when HasId => "card",
            "admin" when Route.Contains("{instanceId}", StringComparison.Ordinal) => "orchestration",
            "booking" when Route.StartsWith("booking/series/", StringComparison.Ordinal) => "series",
            "booking" when Route.Contains("{offerId}", StringComparison.Ordinal) => "waitlist-offer",
            "booking" when Route.StartsWith("booking/waitlist/", StringComparison.Ordinal) && HasId => "waitlist-entry",
            "booking" or "appointments" when HasId => "appointment",
            _ => null,
        };

        public string Url(string? id) => "/api/" + RouteParameter().Replace(Route, m => m.Groups[1].Value switch
        {
            "id" or "instanceId" or "offerId" => id ?? throw new InvalidOperationException($"{Name} needs an id"),
            "version" => "latest",
            "submissionId" => "submission-none", // a record's submission the suites do not know: 404 to whoever may ask
            "patientId" => "patient-none", // a patient the suites do not know: 404 to whoever may ask
            "lot" => "LOT-NONE", // a lot no chart names: an empty answer to whoever may ask
            "code" => "2222-3333-4444-5555", // a gift card code no clinic has: 404 to whoever may ask
            "token" => "NoSuchCalendarLinkNoSuchCalendarLinkNoSuch", // well-formed (43 characters), never made: 404
            "provider" => "google", // a calendar provider none of the suites' practitioners has connected
            _ => throw new InvalidOperationException($"Route parameter {{{m.Groups[1].Value}}} of {Name} is unknown to the test suites: teach them its ids."),
        });

        public override string ToString() => $"{Method} /api/{Route} ({Name})";
    }

    public static IReadOnlyList<Endpoint> All { get; } = FunctionCatalog.Discover(typeof(MedSpaApp).Assembly)
        .Where(f => f.HttpRoute is not null)
        .SelectMany(f => f.HttpMethods.Select(m => new Endpoint(f.Name, m, f.HttpRoute!, f.Method)))
        .OrderBy(e => e.Name)
        .ToList();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in All)
        {
            data.Add(endpoint.Name + " " + endpoint.Method);
        }

        return data;
    }

    public static Endpoint Find(string key) => All.Single(e => e.Name + " " + e.Method == key);

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
