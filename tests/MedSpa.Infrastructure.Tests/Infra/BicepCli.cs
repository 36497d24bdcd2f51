using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace MedSpa.Infrastructure.Tests.Infra;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a native executable in its tools/ folder;
/// the package's build props name it in $(BicepPath), which the test project writes into this assembly's metadata).
/// Compiles and evaluates infra/main.bicep once per test run; nothing here needs Azure or the network.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    public static string Executable { get; } = FindExecutable();

    private static readonly Lazy<JsonObject> Arm = new(() =>
    {
        var result = Run(RepositoryRoot, "build", MainBicep, "--stdout");
        result.ShouldBeClean("bicep build infra/main.bicep");
        return JsonNode.Parse(result.Stdout)!.AsObject();
    });

    private static readonly Lazy<IReadOnlyList<JsonObject>> Predicted = new(PredictResources);

    /// <summary>The ARM template <c>bicep build infra/main.bicep --stdout</c> prints.</summary>
    public static JsonObject MainTemplate => Arm.Value;

    /// <summary>
    /// The resources a deployment of infra/main.bicep would create, with their properties evaluated
    /// (<c>bicep snapshot</c> runs the compiled template through the deployment engine's evaluation with the
    /// parameters of <see cref="SnapshotParameters"/>; modules are expanded, loops and unions evaluated). Values that
    /// only exist after deployment stay ARM expressions such as <c>[reference(...).documentEndpoint]</c>.
    /// </summary>
    public static IReadOnlyList<JsonObject> PredictedResources => Predicted.Value;

    /// <summary>Sample values for main.bicep's required parameters (what azd would pass from its environment).</summary>
    public static readonly IReadOnlyDictionary<string, string> SnapshotParameters = new Dictionary<string, string>
    {
        ["environmentName"] = "ci",
        ["location"] = "westeurope",
        ["identityMode"] = "entra",
        ["identityTenantName"] = "contosomedspa",
        ["identityTenantId"] = "00000000-0000-0000-0000-0000000000e1",
        ["spaClientId"] = "00000000-0000-0000-0000-0000000000a1",
        ["apiClientId"] = "00000000-0000-0000-0000-0000000000a2",
        ["apiAppIdUri"] = "api://00000000-0000-0000-0000-0000000000a2",
        ["rolesSourceSecret"] = new string('0', 64),
        ["acsSmsFrom"] = "+12125550100",
        ["eventGridKey"] = new string('1', 64),
        ["stripePublishableKey"] = "pk_test_sample",
        ["stripeSecretKey"] = "sk_test_sample",
        ["stripeWebhookSecret"] = "whsec_sample",
    };

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Diagnostic lines ("file(line,col) : Error|Warning code: message").</summary>
        public IReadOnlyList<string> Diagnostics =>
            [.. Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains(" : Error ", StringComparison.Ordinal) || l.Contains(" : Warning ", StringComparison.Ordinal))
                .Distinct()];

        /// <summary>Exit code 0 and no errors (warnings are left to the build and lint tests).</summary>
        public void ShouldSucceed(string what)
        {
            Diagnostics.Where(d => d.Contains(" : Error ", StringComparison.Ordinal)).ShouldBeEmpty($"{what} reported errors");
            ExitCode.ShouldBe(0, $"{what} failed:\n{Stderr}");
        }

        public void ShouldBeClean(string what)
        {
            Diagnostics.ShouldBeEmpty($"{what} reported:\n{string.Join('\n', Diagnostics)}");
            ExitCode.ShouldBe(0, $"{what} failed:\n{Stderr}");
        }
    }

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // No telemetry, no update checks: the test run has no business on the network.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + Executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static IReadOnlyList<JsonObject> PredictResources()
    {
        var directory = Directory.CreateTempSubdirectory("medspa-bicep-");
        try
        {
            // A .bicepparam file must name its template by a relative path.
            var main = Path.GetRelativePath(directory.FullName, MainBicep).Replace('\\', '/');
            var lines = new List<string> { $"using '{main}'" };
            lines.AddRange(SnapshotParameters.Select(p => $"param {p.Key} = '{p.Value}'"));
            var parameters = Path.Combine(directory.FullName, "ci.bicepparam");
            File.WriteAllLines(parameters, lines);
            var result = Run(directory.FullName, "snapshot", parameters,
                "--subscription-id", "00000000-0000-0000-0000-0000000000f1",
                "--tenant-id", "00000000-0000-0000-0000-0000000000f2",
                "--location", SnapshotParameters["location"]);
            result.ShouldSucceed("bicep snapshot (infra/main.bicep)");
            var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, "ci.snapshot.json")))!.AsObject();
            return [.. snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject())];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string FindExecutable()
    {
        var configured = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(configured))
        {
            throw new InvalidOperationException("The test assembly does not name the Bicep CLI: the Azure.Bicep.CommandLine.linux-x64 package's props did not set $(BicepPath).");
        }

        // The package's props write the path with backslashes; NuGet may extract without the execute bit.
        var path = Path.GetFullPath(configured.Replace('\\', '/'));
        File.Exists(path).ShouldBeTrue($"The Bicep CLI is not at {path}; restore the test project.");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("infra/main.bicep was not found above " + AppContext.BaseDirectory);
    }
}
