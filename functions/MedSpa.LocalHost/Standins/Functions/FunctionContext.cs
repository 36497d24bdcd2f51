// Stand-ins for Microsoft.Azure.Functions.Worker.Core: FunctionContext, FunctionDefinition, BindingMetadata,
// InvocationResult and the middleware contracts, declared with upstream's names, namespaces and modifiers.
namespace Microsoft.Azure.Functions.Worker
{
    using System.Collections.Immutable;

    public abstract class FunctionContext
    {
        public abstract string InvocationId { get; }

        public abstract string FunctionId { get; }

        public abstract IServiceProvider InstanceServices { get; set; }

        public abstract FunctionDefinition FunctionDefinition { get; }

        public abstract IDictionary<object, object> Items { get; set; }

        public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
    }

    public abstract class FunctionDefinition
    {
        public abstract string PathToAssembly { get; }

        public abstract string EntryPoint { get; }

        public abstract string Id { get; }

        public abstract string Name { get; }

        public abstract IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

        public abstract IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }
    }

    public enum BindingDirection
    {
        In,
        Out,
    }

    public abstract class BindingMetadata
    {
        public abstract string Name { get; }

        public abstract string Type { get; }

        public abstract BindingDirection Direction { get; }
    }

    public abstract class InvocationResult : InvocationResult<object>
    {
    }

    public abstract class InvocationResult<T>
    {
        public abstract T? Value { get; set; }
    }

    public interface IFunctionsWorkerApplicationBuilder
    {
        Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }

        IFunctionsWorkerApplicationBuilder Use(Func<Middleware.FunctionExecutionDelegate, Middleware.FunctionExecutionDelegate> middleware);
    }

    public static class FunctionContextExtensions
    {
        // Upstream key (Worker.Extensions.Http.AspNetCore Constants.HttpContextKey).
        internal const string HttpContextKey = "HttpRequestContext";

        public static Microsoft.AspNetCore.Http.HttpContext? GetHttpContext(this FunctionContext context) =>
            context.Items.TryGetValue(HttpContextKey, out var value) ? value as Microsoft.AspNetCore.Http.HttpContext : null;
    }

    public static class FunctionContextBindingFeatureExtensions
    {
        internal const string InvocationResultKey = "MedSpa.LocalHost.InvocationResult";

        public static InvocationResult GetInvocationResult(this FunctionContext context) =>
            (InvocationResult)context.Items[InvocationResultKey];
    }
}

namespace Microsoft.Azure.Functions.Worker.Middleware
{
    public delegate Task FunctionExecutionDelegate(FunctionContext context);

    public interface IFunctionsWorkerMiddleware
    {
        Task Invoke(FunctionContext context, FunctionExecutionDelegate next);
    }
}

namespace Microsoft.Extensions.Hosting
{
    using Microsoft.Azure.Functions.Worker;
    using Microsoft.Azure.Functions.Worker.Middleware;
    using Microsoft.Extensions.DependencyInjection;

    public static class MiddlewareWorkerApplicationBuilderExtensions
    {
        // Upstream registers T as a singleton and resolves it per invocation from InstanceServices.
        public static IFunctionsWorkerApplicationBuilder UseMiddleware<T>(this IFunctionsWorkerApplicationBuilder builder)
            where T : class, IFunctionsWorkerMiddleware
        {
            builder.Services.AddSingleton<T>();
            builder.Use(next => context => context.InstanceServices.GetRequiredService<T>().Invoke(context, next));
            return builder;
        }

        public static IFunctionsWorkerApplicationBuilder UseWhen<T>(this IFunctionsWorkerApplicationBuilder builder, Func<FunctionContext, bool> predicate)
            where T : class, IFunctionsWorkerMiddleware
        {
            ArgumentNullException.ThrowIfNull(predicate);
            builder.Services.AddSingleton<T>();
            builder.Use(next => context => predicate(context)
                ? context.InstanceServices.GetRequiredService<T>().Invoke(context, next)
                : next(context));
            return builder;
        }
    }
}
