namespace MedSpa.Functions.Tests.Support;

/// <summary>A patient of the test's own, made by the desk through the API: a unique surname and email, so tests never share one.</summary>
public static class NewPatients
{
    public static async Task<string> NewPatientAsync(this ApiHost api, string first, string surname = "Test")
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var created = await api.As(DemoPeople.DeskSignIn).PostAsJsonAsync("/api/patients",
            new { firstName = first, lastName = $"{surname}{unique}", email = $"{first.ToLowerInvariant()}-{unique}@example.com" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync())["id"]!.GetValue<string>();
    }
}
