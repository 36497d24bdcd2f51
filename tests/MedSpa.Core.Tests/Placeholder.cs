namespace MedSpa.Core.Tests; public class Placeholder { [Fact] public void Builds() => true.ShouldBeTrue(); }
