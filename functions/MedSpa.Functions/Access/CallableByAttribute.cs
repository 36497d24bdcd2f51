namespace MedSpa.Functions.Access;

/// <summary>
/// Who may call an HTTP function. Every HTTP function carries exactly one of these (a test enforces it), and the
/// access middleware reads it, so the rule sits beside the function and the authorization-matrix test can read it too.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CallableByAttribute(Role roles) : Attribute
{
    public Role Roles { get; } = roles;
}

/// <summary>Open to anyone, signed in or not (health, sign-in configuration).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnonymousAttribute : Attribute;

/// <summary>Any valid sign-in, even one not yet linked to a clinic (so the app can say "not linked").</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SignedInAttribute : Attribute;

/// <summary>Reads of this function return patient data, so the access is audited even though it changes nothing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AuditsReadsAttribute : Attribute;
