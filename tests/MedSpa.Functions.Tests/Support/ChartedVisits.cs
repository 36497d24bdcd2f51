namespace MedSpa.Functions.Tests.Support;

/// <summary>A visit to chart, booked through the API, with the sign-in of the practitioner booked for it.</summary>
public static class ChartedVisits
{
    public const string Neurotoxin = "template-neurotoxin";

    /// <summary>A Xeomin visit of the patient (a new one when none is given) and the client of its practitioner.</summary>
    public static async Task<(Appointment Visit, HttpClient Injector, string InjectorEmail)> ChartableVisitAsync(this ApiHost api, string? patientId = null, int dayOffset = 1)
    {
        patientId ??= await api.NewPatientAsync("Chloe", "Chart");
        var visit = await api.BookFirstFreeAsync("demo", patientId, "Xeomin", dayOffset);
        var email = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Member(visit.PractitionerId)!.Email;
        return (visit, api.As(email), email);
    }

    public static Task<HttpResponseMessage> StartChartAsync(this HttpClient client, string appointmentId, string templateId = Neurotoxin, bool copyLastMap = false) =>
        client.PostAsJsonAsync("/api/charts", new { appointmentId, templateId, copyLastMap });
}
