using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace MedSpa.LocalHost;

public static class LocalFunctionsHost
{
    public static Task RunAsync(string[] args, Assembly functionsAssembly, Action<IFunctionsWorkerApplicationBuilder, IConfiguration> configure)
        => Task.CompletedTask;
}
