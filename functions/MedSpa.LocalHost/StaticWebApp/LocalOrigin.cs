namespace MedSpa.LocalHost.StaticWebApp;

/// <summary>
/// An origin the page may use on this machine only (a local emulator or fake on its own port), added to the site's
/// Content-Security-Policy <paramref name="Directive"/>. The app registers one per local service; Azure's policy is untouched.
/// </summary>
public sealed record LocalOrigin(string Directive, string Origin);
