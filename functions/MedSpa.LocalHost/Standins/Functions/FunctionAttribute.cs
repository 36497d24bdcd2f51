// Stand-in for Microsoft.Azure.Functions.Worker.Extensions.Abstractions (see ARCHITECTURE.md, "Running without Azure").
// Same namespace and signature as upstream; only the members MedSpa uses.
namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute : Attribute
    {
        public FunctionAttribute(string name) => Name = name;

        public string Name { get; }
    }
}

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    [AttributeUsage(AttributeTargets.Method)]
    public abstract class BindingAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public abstract class TriggerBindingAttribute : BindingAttribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public abstract class InputBindingAttribute : BindingAttribute
    {
    }
}
