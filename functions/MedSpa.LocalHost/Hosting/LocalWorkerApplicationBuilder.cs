using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

/// <summary>Collects the app's worker middleware in order, as FunctionsApplicationBuilder does, and composes the pipeline.</summary>
internal sealed class LocalWorkerApplicationBuilder(IServiceCollection services) : IFunctionsWorkerApplicationBuilder
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    public IServiceCollection Services { get; } = services;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>User middleware runs first, in registration order; the function itself runs last.</summary>
    public FunctionExecutionDelegate Build(FunctionExecutionDelegate invokeFunction)
    {
        var pipeline = invokeFunction;
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            pipeline = _middleware[i](pipeline);
        }

        return pipeline;
    }
}
