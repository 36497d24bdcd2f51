using MedSpa.Functions;

#if AZURE_FUNCTIONS
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
MedSpaApp.Configure(builder, builder.Configuration);
builder.Build().Run();
#else
await MedSpa.LocalHost.LocalFunctionsHost.RunAsync(args, typeof(MedSpaApp).Assembly, MedSpaApp.Configure);
#endif
