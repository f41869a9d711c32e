namespace WorkshopCrm.Modules.Pipeline.Reports;

/// <summary>Names a CSV shows in the user's language (the SPA translates the JSON's itself).</summary>
internal static class ReportText
{
    private static readonly Dictionary<long, string> StagesPt = new()
    {
        [1] = "Novo lead", [2] = "Contatado", [3] = "Qualificado", [4] = "Proposta enviada", [5] = "Negociação", [6] = "Ganho", [7] = "Perdido",
    };

    public static string Stage(long id, bool english) => english ? ReportStage.Of(id).Name : StagesPt.GetValueOrDefault(id, ReportStage.Of(id).Name);
}
