using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedSpa.Infrastructure.Tests.Infra;

/// <summary>
/// The Function App's app settings in infra/modules/functionapp.bicep and the configuration the code reads agree:
/// every setting the app needs in Azure is set, and the Bicep sets no MedSpa setting the code never reads.
/// App settings are configuration keys with "__" for ":" (Cosmos__Endpoint is Cosmos:Endpoint).
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>
    /// What MedSpa must be given in Azure (configuration keys). The one list of it: the code has no typed list of
    /// settings, so a test below checks that each of these is a key the code actually reads.
    /// </summary>
    public static readonly IReadOnlyList<string> RequiredInAzure =
    [
        "Store:Kind",          // "cosmos"; the default is SQLite on local disk
        "Cosmos:Endpoint",
        "Cosmos:Database",
        "Identity:Mode",       // the default is the local sign-in provider
        "Identity:Authority",
        "Identity:Issuer",     // B2C's issuer names the tenant by id, unlike its authority
        "Identity:Audience",
        "Identity:ClientId",
        "Identity:Scopes",
        "Files:Kind",          // "blob": photos in the storage account, not on the instance's disk
        "Files:ServiceUri",
        "Files:Container",
        "RolesSource:Secret",  // without it the rolesSource function refuses every call
        "Seed:Demo",           // "false": no demo clinic in a real deployment
        "Acs:ConnectionString", // texts and email; without it the app refuses to start in Azure (the fake is local only)
        "Acs:EmailFrom",
        "Acs:SmsFrom",
        "EventGrid:Key",       // without it no inbound text or delivery report is believed
        "Messaging:PublicUrl", // the web app's address, for links in messages
        "Live:ConnectionString", // Azure SignalR; without it pages poll
        "Stripe:PublishableKey", // card payments; without them the app refuses to start in Azure (the fake is local only)
        "Stripe:SecretKey",
        "Stripe:WebhookSecret",
    ];

    /// <summary>Settings the code reads that must not be set in Azure.</summary>
    private static readonly IReadOnlyList<string> NotInAzure =
    [
        "Cosmos:Key",          // key auth is off on the account: the app's managed identity connects
        "Files:ConnectionString", // Azurite's; in Azure the managed identity connects
    ];

    /// <summary>Settings of the Functions host and the Azure SDKs, not of MedSpa.</summary>
    private static bool IsPlatformSetting(string name) =>
        name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal)
        || name is "APPLICATIONINSIGHTS_CONNECTION_STRING" or "AZURE_CLIENT_ID";

    private static string ConfigurationKey(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The Function App's appsettings, as a deployment of infra/main.bicep would write them.</summary>
    private static JsonObject DeployedSettings()
    {
        var config = BicepCli.PredictedResources
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites/config" && r["name"]!.GetValue<string>().EndsWith("/appsettings", StringComparison.Ordinal))
            .ToList();
        config.Count.ShouldBe(1, "one appsettings resource of the Function App");
        return config[0]["properties"]!.AsObject();
    }

    [Fact]
    public void Every_setting_the_app_needs_in_Azure_is_set_by_the_Bicep()
    {
        var set = DeployedSettings().Select(s => ConfigurationKey(s.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        RequiredInAzure.Where(k => !set.Contains(k)).ShouldBeEmpty("settings the app needs in Azure that functionapp.bicep does not set");
    }

    [Fact]
    public void The_Bicep_sets_no_MedSpa_setting_the_code_does_not_read()
    {
        var read = CodeConfiguration.Read();

        DeployedSettings().Select(s => s.Key).Where(n => !IsPlatformSetting(n) && !read.Reads(ConfigurationKey(n)))
            .ShouldBeEmpty("app settings in functionapp.bicep that no MedSpa code reads");
    }

    [Fact]
    public void The_required_settings_are_keys_the_code_reads()
    {
        var read = CodeConfiguration.Read();
        read.Keys.ShouldContain("Store:Kind", "the source scan found the store switch"); // the scan itself works

        RequiredInAzure.Concat(NotInAzure).Where(k => !read.Reads(k)).ShouldBeEmpty("settings this test names that the code no longer reads");
    }

    [Fact]
    public void The_deployed_settings_choose_Cosmos_the_Azure_sign_in_and_Key_Vault_secrets()
    {
        var settings = DeployedSettings();

        settings["Store__Kind"]!.GetValue<string>().ShouldBe("cosmos");
        settings["Identity__Mode"]!.GetValue<string>().ShouldBeOneOf("entra", "b2c");
        settings["Seed__Demo"]!.GetValue<string>().ShouldBe("false");
        // A Key Vault reference (the vault's URI is only known once deployed, so the value is still an expression here).
        settings["RolesSource__Secret"]!.GetValue<string>().ShouldContain("@Microsoft.KeyVault(SecretUri=");
        settings["RolesSource__Secret"]!.GetValue<string>().ShouldContain("secrets/roles-source-secret/");
        settings["Acs__ConnectionString"]!.GetValue<string>().ShouldContain("secrets/acs-connection-string/");
        settings["EventGrid__Key"]!.GetValue<string>().ShouldContain("secrets/event-grid-key/");
        settings["Live__ConnectionString"]!.GetValue<string>().ShouldContain("secrets/signalr-connection-string/");
        settings["Acs__SmsFrom"]!.GetValue<string>().ShouldBe("+12125550100");
        settings["Stripe__SecretKey"]!.GetValue<string>().ShouldContain("secrets/stripe-secret-key/");
        settings["Stripe__WebhookSecret"]!.GetValue<string>().ShouldContain("secrets/stripe-webhook-secret/");
        settings.Select(s => ConfigurationKey(s.Key)).Intersect(NotInAzure, StringComparer.OrdinalIgnoreCase)
            .ShouldBeEmpty("settings that must not be set in Azure");
    }

    /// <summary>
    /// The configuration keys the app reads, found in the sources of MedSpa.Functions and MedSpa.Infrastructure:
    /// <c>configuration["A:B"]</c>, <c>GetValue("A:B", …)</c>, and <c>GetSection("A").Get&lt;T&gt;()</c> (every settable
    /// property of T).
    /// </summary>
    private sealed record CodeConfiguration(IReadOnlySet<string> Keys, IReadOnlySet<string> WholeSections)
    {
        public bool Reads(string key) =>
            Keys.Contains(key) || WholeSections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));

        public static CodeConfiguration Read()
        {
            var sources = new[] { "MedSpa.Functions", "MedSpa.Infrastructure" }
                .SelectMany(p => Directory.EnumerateFiles(Path.Combine(BicepCli.RepositoryRoot, "functions", p), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
                .ToDictionary(f => f, File.ReadAllText);
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var text in sources.Values)
            {
                keys.UnionWith(IndexerRead().Matches(text).Select(m => m.Groups["key"].Value));
                keys.UnionWith(GetValueRead().Matches(text).Select(m => m.Groups["key"].Value));
                foreach (Match m in SectionRead().Matches(text))
                {
                    var section = m.Groups["section"].Value;
                    if (m.Groups["type"].Success)
                    {
                        keys.UnionWith(SettableProperties(sources.Values, m.Groups["type"].Value).Select(p => $"{section}:{p}"));
                    }
                    else
                    {
                        sections.Add(section);
                    }
                }
            }

            return new CodeConfiguration(keys, sections);
        }

        private static IEnumerable<string> SettableProperties(IEnumerable<string> sources, string type)
        {
            var text = sources.FirstOrDefault(t => Regex.IsMatch(t, $@"\bclass\s+{type}\b"))
                ?? throw new InvalidOperationException($"The options class {type} was not found in the sources.");
            var start = Regex.Match(text, $@"\bclass\s+{type}\b").Index;
            var end = text.IndexOf("\n}", start, StringComparison.Ordinal);
            var body = end < 0 ? text[start..] : text[start..end];
            return SettableProperty().Matches(body).Select(m => m.Groups["name"].Value);
        }
    }

    [GeneratedRegex("""\w*[cC]onfiguration\w*\["(?<key>[^"]+)"\]""")]
    private static partial Regex IndexerRead();

    [GeneratedRegex(@"\.GetValue(<[^>]+>)?\(""(?<key>[^""]+)""")]
    private static partial Regex GetValueRead();

    [GeneratedRegex("""\.GetSection\("(?<section>[^"]+)"\)(\.Get<(?<type>\w+)>)?""")]
    private static partial Regex SectionRead();

    [GeneratedRegex("""public\s+[\w<>\[\]?,. ]+?\s+(?<name>\w+)\s*\{\s*get;\s*set;""")]
    private static partial Regex SettableProperty();
}
