// Stand-ins for the binding attributes of Microsoft.Azure.Functions.Worker.Extensions.DurableTask. They derive from
// the Extensions.Abstractions binding bases as upstream does; the converter attributes upstream carries are omitted.
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
[DebuggerDisplay("{Orchestration}")]
public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute
{
    public string? Orchestration { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
[DebuggerDisplay("{Activity}")]
public sealed class ActivityTriggerAttribute : TriggerBindingAttribute
{
    public string? Activity { get; set; }
}

public sealed class DurableClientAttribute : InputBindingAttribute
{
    public string? TaskHub { get; set; }

    public string? ConnectionName { get; set; }
}
