using System.Text.Json.Nodes;

namespace MedSpa.Infrastructure.Tests.Infra;

/// <summary>infra/ is code that is checked: it compiles and lints clean with the Bicep CLI, warnings included.</summary>
public sealed class BicepTests
{
    [Fact]
    public void Main_bicep_builds_to_an_ARM_template_without_errors_or_warnings()
    {
        // BCP081 (a resource type or API version the CLI's type library does not know) is a warning: it fails here too.
        var template = BicepCli.MainTemplate;

        template["$schema"]!.GetValue<string>().ShouldContain("subscriptionDeploymentTemplate.json");
        template["resources"].ShouldNotBeNull();
    }

    [Fact]
    public void Every_bicep_file_in_infra_lints_clean()
    {
        var files = Directory.GetFiles(BicepCli.InfraDirectory, "*.bicep", SearchOption.AllDirectories);
        files.Length.ShouldBeGreaterThan(1);

        var result = BicepCli.Run(BicepCli.RepositoryRoot, "lint", "--pattern", "infra/**/*.bicep");

        result.ShouldBeClean("bicep lint infra/**/*.bicep");
    }

    [Fact]
    public void Every_module_builds_on_its_own_without_errors_or_warnings()
    {
        var output = Directory.CreateTempSubdirectory("medspa-bicep-build-");
        try
        {
            var result = BicepCli.Run(BicepCli.RepositoryRoot, "build", "--pattern", "infra/modules/*.bicep", "--outdir", output.FullName);

            result.ShouldBeClean("bicep build infra/modules/*.bicep");
            Directory.GetFiles(output.FullName, "*.json").Length
                .ShouldBe(Directory.GetFiles(Path.Combine(BicepCli.InfraDirectory, "modules"), "*.bicep").Length);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_deployment_evaluates_with_sample_parameters()
    {
        var resources = BicepCli.PredictedResources;

        resources.Select(r => r["type"]!.GetValue<string>()).ShouldContain("Microsoft.Web/sites");
        resources.Select(r => r["type"]!.GetValue<string>()).ShouldContain("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
    }

    [Fact]
    public void Every_read_of_a_blob_is_logged_to_the_workspace_so_a_photo_seen_through_its_link_is_audited()
    {
        var settings = BicepCli.PredictedResources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.Insights/diagnosticSettings").ToList();

        var blobReads = settings.Single(r => r["name"]!.GetValue<string>().EndsWith("blob-reads", StringComparison.Ordinal));
        blobReads["properties"]!["logs"]!.AsArray().Select(l => l!["category"]!.GetValue<string>()).ShouldContain("StorageRead");
        blobReads["properties"]!["workspaceId"]!.GetValue<string>().ShouldContain("Microsoft.OperationalInsights/workspaces");
    }
    [Fact]
    public void Live_updates_go_through_a_serverless_SignalR_whose_connection_string_only_Key_Vault_holds()
    {
        var resources = BicepCli.PredictedResources;

        var signalr = resources.Single(r => r["type"]!.GetValue<string>() == "Microsoft.SignalRService/signalR");
        signalr["properties"]!["features"]!.AsArray().ShouldContain(f => f!["flag"]!.GetValue<string>() == "ServiceMode" && f["value"]!.GetValue<string>() == "Serverless");
        signalr["properties"]!["disableLocalAuth"]!.GetValue<bool>().ShouldBeFalse("the app signs client tokens with the access key");
        var secrets = resources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.KeyVault/vaults/secrets").Select(r => r["name"]!.GetValue<string>()).ToList();
        secrets.ShouldContain(n => n.EndsWith("/signalr-connection-string", StringComparison.Ordinal));
        secrets.ShouldContain(n => n.EndsWith("/event-grid-key", StringComparison.Ordinal));
        secrets.ShouldContain(n => n.EndsWith("/acs-connection-string", StringComparison.Ordinal));
        // The web app still reaches the API as its linked backend, now linked once both exist.
        resources.Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/staticSites/linkedBackends")["properties"]!["backendResourceId"]!.GetValue<string>()
            .ShouldContain("Microsoft.Web/sites");
    }
}
