namespace MedSpa.Functions.Tests; public class Placeholder { [Fact] public void Builds() => true.ShouldBeTrue(); }
