namespace MedSpa.Functions.Tests.Support;

/// <summary>The demo clinic's sign-ins the suites act as (<c>using static</c> them).</summary>
public static class DemoPeople
{
    public const string PatientSignIn = $"patient@{ApiHost.Demo}";
    public const string DeskSignIn = $"frontdesk@{ApiHost.Demo}";
    public const string InjectorSignIn = $"injector@{ApiHost.Demo}";

    /// <summary>The demo patient's record (the sign-in <see cref="PatientSignIn"/> opens).</summary>
    public const string PatientId = "patient-demo-0000";
}
