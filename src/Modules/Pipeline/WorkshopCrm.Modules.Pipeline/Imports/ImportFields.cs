using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>The fields a column can fill, and the header names (pt-BR and English) that suggest each.</summary>
internal static class ImportFields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Owner = "owner";
    public const string CreatedAt = "createdAt";
    public const string Title = "title";
    public const string Value = "value";
    public const string Stage = "stage";
    public const string LossReason = "lossReason";

    public static readonly string[] LeadFields = [Name, Email, Phone, Owner, CreatedAt];
    public static readonly string[] DealFields = [Title, Value, Stage, LossReason];

    public static IReadOnlyList<string> For(bool withDeals) => withDeals ? [.. LeadFields, .. DealFields] : LeadFields;

    /// <summary>Header names as <see cref="Fold"/> leaves them, per field, most likely first.</summary>
    private static readonly Dictionary<string, string[]> Headers = new()
    {
        [Name] = ["nome", "name", "nomecompleto", "fullname", "cliente", "contato", "contact", "lead", "nomedolead", "nomedocliente", "razaosocial"],
        [Email] = ["email", "emails", "correioeletronico", "emailaddress", "enderecodeemail", "mail"],
        [Phone] = ["telefone", "fone", "celular", "whatsapp", "phone", "mobile", "tel", "telefonecelular", "phonenumber", "contatotelefonico"],
        [Owner] = ["responsavel", "vendedor", "vendedora", "proprietario", "dono", "owner", "salesperson", "usuario", "consultor"],
        [CreatedAt] = ["criadoem", "datadecriacao", "datadecadastro", "cadastro", "data", "createdat", "created", "createdon", "date"],
        [Title] = ["titulo", "negocio", "oportunidade", "title", "deal", "dealtitle", "nomedonegocio", "titulodonegocio"],
        [Value] = ["valor", "value", "amount", "valordonegocio", "preco", "price", "total"],
        [Stage] = ["etapa", "fase", "estagio", "stage", "status", "etapadofunil"],
        [LossReason] = ["motivodaperda", "motivo", "lossreason", "reason", "motivoperda", "razaodaperda"],
    };

    /// <summary>For each field, the first column whose header names it (each column used once).</summary>
    public static Dictionary<string, string> Suggest(IReadOnlyList<string> columns, bool withDeals)
    {
        var suggested = new Dictionary<string, string>();
        var taken = new HashSet<string>();
        foreach (var field in For(withDeals))
        {
            foreach (var header in Headers[field])
            {
                var column = columns.FirstOrDefault(c => !taken.Contains(c) && Fold(c) == header);
                if (column is null)
                    continue;
                suggested[field] = column;
                taken.Add(column);
                break;
            }
        }

        return suggested;
    }

    /// <summary>Lower case, without accents, letters and digits only: "E-mail" and "e‑mail " are one header.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The header row as columns the user can name: a blank header is "Coluna C" (its letter), a repeated one gets
    /// " (2)", " (3)".
    /// </summary>
    public static string[] Columns(SpreadsheetRow header, bool english)
    {
        var names = new string[header.Cells.Length];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var name = ImportValues.Trimmed(header.Cells[i]) ?? $"{(english ? "Column" : "Coluna")} {Letter(i)}";
            if (name.Length > 100)
                name = name[..100];
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
                unique = $"{name} ({n})";
            names[i] = unique;
        }

        return names;
    }

    private static string Letter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26)
            letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A stage by its name in pt-BR or English (accents and case folded) or its number.</summary>
    public static long? StageOf(string text)
    {
        var folded = Fold(text);
        if (long.TryParse(folded, out var id) && PipelineStage.Exists(id))
            return id;
        return StageNames.TryGetValue(folded, out var stage) ? stage : null;
    }

    private static readonly Dictionary<string, long> StageNames = new()
    {
        ["newlead"] = 1, ["new"] = 1, ["novolead"] = 1, ["novo"] = 1, ["lead"] = 1, ["prospeccao"] = 1,
        ["contacted"] = 2, ["contatado"] = 2, ["contato"] = 2, ["contactado"] = 2, ["emcontato"] = 2,
        ["qualified"] = 3, ["qualificado"] = 3, ["qualificacao"] = 3,
        ["proposalsent"] = 4, ["proposal"] = 4, ["propostaenviada"] = 4, ["proposta"] = 4,
        ["negotiation"] = 5, ["negociacao"] = 5, ["emnegociacao"] = 5,
        ["won"] = 6, ["ganho"] = 6, ["ganha"] = 6, ["fechado"] = 6, ["vendido"] = 6, ["venda"] = 6,
        ["lost"] = 7, ["perdido"] = 7, ["perdida"] = 7,
    };
}

/// <summary>What the user chose in the mapping step, as stored on the import (JSON).</summary>
internal sealed record ImportMapping(Dictionary<string, string> Columns)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportMapping FromJson(string json) => JsonSerializer.Deserialize<ImportMapping>(json, Json)!;

    /// <summary>The index of the column mapped to <paramref name="field"/> in <paramref name="columns"/>, or -1.</summary>
    public int IndexOf(string field, string[] columns) =>
        Columns.TryGetValue(field, out var column) ? Array.IndexOf(columns, column) : -1;
}

/// <summary>A row as the import writes it: a lead, and a deal when the import has them.</summary>
internal sealed record ImportRow(
    int Row, string Name, string Email, string? Phone, long OwnerId, DateOnly? CreatedOn,
    string? Title, decimal Value, long? StageId, string? LossReason, bool OwnerGiven = false, bool ValueGiven = false, bool StageGiven = false);

/// <summary>Why a row cannot be imported: the field and the message in the import's language.</summary>
internal sealed record RowError(int Row, string Field, string Code, string Message);
