// Stand-in for Microsoft.DurableTask.ContinueAsNewOptions (Microsoft.DurableTask.Abstractions); events are kept by default (D.8).
namespace Microsoft.DurableTask;

public class ContinueAsNewOptions
{
    public object? NewInput { get; set; }

    public bool PreserveUnprocessedEvents { get; set; } = true;
}
