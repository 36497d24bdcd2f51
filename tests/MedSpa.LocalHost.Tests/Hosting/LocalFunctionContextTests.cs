using System.Reflection;
using MedSpa.LocalHost.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Tests.Hosting;

/// <summary>
/// LocalHost's FunctionContext must work with the worker's own public extension methods, including the two places
/// where it has to match upstream internals (the HttpContext item key, the invocation-result feature): if a package
/// update moves either, these fail before the app's middleware silently stops seeing requests or results.
/// </summary>
public sealed class LocalFunctionContextTests
{
    public static class SampleFunctions
    {
        [Function("Sample")]
        public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/{id}")] HttpRequest request, string id) => id;
    }

    private static LocalFunctionContext NewContext()
    {
        var method = typeof(SampleFunctions).GetMethod(nameof(SampleFunctions.Run))!;
        var descriptor = new FunctionDescriptor("Sample", method, method.GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!, "sample.dll");
        return new LocalFunctionContext(descriptor, new ServiceCollection().BuildServiceProvider(), CancellationToken.None);
    }

    [Fact]
    public void The_worker_finds_the_HttpContext_LocalHost_put_on_the_context()
    {
        var context = NewContext();
        var http = new DefaultHttpContext();
        context.Items[LocalFunctionContext.HttpContextKey] = http;

        context.GetHttpContext().ShouldBeSameAs(http);
    }

    [Fact]
    public void The_invocation_result_set_through_the_worker_API_is_read_back_through_it()
    {
        var context = NewContext();

        context.GetInvocationResult().Value.ShouldBeNull();
        context.GetInvocationResult().Value = "answered early";

        context.GetInvocationResult().Value.ShouldBe("answered early");
    }

    [Fact]
    public void A_function_is_described_with_its_trigger_among_its_input_bindings_as_the_worker_does()
    {
        var definition = NewContext().FunctionDefinition;

        definition.InputBindings.Values.Select(b => b.Type).ShouldBe(["httpTrigger"]);
        definition.Parameters.Select(p => p.Name).ShouldBe(["request", "id"]);
        definition.EntryPoint.ShouldBe($"{typeof(SampleFunctions).FullName}.{nameof(SampleFunctions.Run)}");
    }

    [Fact]
    public void Route_values_are_binding_data()
    {
        var context = NewContext();
        context.BindingData["id"] = "42";

        context.BindingContext.BindingData["id"].ShouldBe("42");
    }
}
