namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>
/// The orchestrator did not schedule, on replay, what its history says it scheduled. The instance fails with this
/// error rather than attaching old results to different tasks (DTFx's NonDeterministicOrchestrationException).
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
