namespace MedSpa.Infrastructure.Tests; public class Placeholder { [Fact] public void Builds() => true.ShouldBeTrue(); }
