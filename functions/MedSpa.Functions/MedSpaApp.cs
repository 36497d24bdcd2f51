using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace MedSpa.Functions;

/// <summary>The app's composition, shared by the Azure Functions worker and MedSpa.LocalHost.</summary>
public static class MedSpaApp
{
    public static void Configure(IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
    }
}
