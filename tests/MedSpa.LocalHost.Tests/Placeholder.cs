namespace MedSpa.LocalHost.Tests; public class Placeholder { [Fact] public void Builds() => true.ShouldBeTrue(); }
