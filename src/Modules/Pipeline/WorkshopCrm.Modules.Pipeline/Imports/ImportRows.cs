using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>A row error's words, in pt-BR and English: the dry run shows them, the rejected rows' file carries them.</summary>
internal static class ImportText
{
    private static readonly Dictionary<string, (string Pt, string En)> Messages = new()
    {
        ["import.required"] = ("Obrigatório.", "Required."),
        ["import.too_long"] = ("No máximo {0} caracteres.", "At most {0} characters."),
        ["import.control_characters"] = ("Não pode ter caracteres de controle.", "Must not contain control characters."),
        ["import.email_invalid"] = ("E-mail inválido.", "Not a valid e-mail address."),
        ["import.phone_invalid"] = ("Telefone só com dígitos, espaços e + - ( ) .", "Only digits, spaces and + - ( ) ."),
        ["import.owner_unknown"] = ("Ninguém ativo na equipe com esse nome ou e-mail.", "Nobody active in the team has this name or e-mail."),
        ["import.owner_forbidden"] = ("Só o dono da empresa escolhe outro responsável.", "Only a Business Owner chooses another owner."),
        ["import.stage_unknown"] = ("Etapa desconhecida: use Novo lead, Contatado, Qualificado, Proposta enviada, Negociação, Ganho ou Perdido.",
            "Unknown stage: use New Lead, Contacted, Qualified, Proposal Sent, Negotiation, Won or Lost."),
        ["import.value_invalid"] = ("Valor inválido (exemplo: 1.234,56).", "Not an amount (example: 1,234.56)."),
        ["import.value_range"] = ("Valor entre 0 e 9.999.999.999,99, com até duas casas decimais.", "Must be between 0 and 9,999,999,999.99, with at most two decimals."),
        ["import.date_invalid"] = ("Data inválida: use dd/mm/aaaa.", "Not a date: use dd/mm/yyyy."),
        ["import.date_future"] = ("A data de criação não pode ser no futuro.", "The creation date cannot be in the future."),
        ["import.loss_reason_required"] = ("Diga o motivo da perda.", "Say why the deal was lost."),
        ["import.lead_not_yours"] = ("Esse e-mail é de um lead de outra pessoa da empresa.", "This e-mail belongs to a lead of someone else in the company."),
        ["import.failed"] = ("A importação parou por um erro inesperado; as linhas já gravadas ficam.", "The import stopped on an unexpected error; the rows already written stay."),
    };

    public static string Of(string code, bool english, params object[] args)
    {
        var (pt, en) = Messages[code];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, english ? en : pt, args);
    }

    public static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An active member a row can name as its owner, by name or e-mail.</summary>
internal sealed record ImportMember(long UserId, string Name, string Email);

/// <summary>
/// Turns spreadsheet rows into <see cref="ImportRow"/>s under the import's mapping, with the CRM's own rules (the
/// seed's lengths, the e-mail and phone rules of the lead form, money and dates as Brazilians write them, a stage by
/// its name, an owner by name or e-mail), or says, per field, why not.
/// </summary>
internal sealed partial class ImportRows
{
    private readonly Import _import;
    private readonly bool _english;
    private readonly long _callerId;
    private readonly bool _callerIsOwner;
    private readonly DateOnly _today;
    private readonly Dictionary<string, long> _owners = new(StringComparer.Ordinal);
    private readonly int _name, _email, _phone, _owner, _createdAt, _title, _value, _stage, _lossReason;

    public ImportRows(Import import, IEnumerable<ImportMember> members, bool callerIsOwner, DateOnly today)
    {
        _import = import;
        _english = ImportText.IsEnglish(import.Language);
        _callerId = import.UserId;
        _callerIsOwner = callerIsOwner;
        _today = today;
        foreach (var m in members)
        {
            _owners.TryAdd(EmailAddresses.Normalize(m.Email), m.UserId);
            _owners.TryAdd(ImportFields.Fold(m.Name), m.UserId);
        }

        var mapping = ImportMapping.FromJson(import.Mapping!);
        _name = mapping.IndexOf(ImportFields.Name, import.Columns);
        _email = mapping.IndexOf(ImportFields.Email, import.Columns);
        _phone = mapping.IndexOf(ImportFields.Phone, import.Columns);
        _owner = mapping.IndexOf(ImportFields.Owner, import.Columns);
        _createdAt = mapping.IndexOf(ImportFields.CreatedAt, import.Columns);
        _title = import.WithDeals ? mapping.IndexOf(ImportFields.Title, import.Columns) : -1;
        _value = import.WithDeals ? mapping.IndexOf(ImportFields.Value, import.Columns) : -1;
        _stage = import.WithDeals ? mapping.IndexOf(ImportFields.Stage, import.Columns) : -1;
        _lossReason = import.WithDeals ? mapping.IndexOf(ImportFields.LossReason, import.Columns) : -1;
    }

    /// <summary>The row to write, or the first problem of each field that has one.</summary>
    public (ImportRow? Row, List<RowError> Errors) Read(SpreadsheetRow row)
    {
        var errors = new List<RowError>();
        void Fail(string field, string code, params object[] args) =>
            errors.Add(new RowError(row.Row, field, code, ImportText.Of(code, _english, args)));

        var name = Line(row, _name, ImportFields.Name, 255, required: true, Fail);
        var email = Line(row, _email, ImportFields.Email, 255, required: true, Fail);
        if (email is not null && !EmailAddresses.IsValid(email))
        {
            Fail(ImportFields.Email, "import.email_invalid");
            email = null;
        }

        var phone = Line(row, _phone, ImportFields.Phone, 50, required: false, Fail);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || " +-().".Contains(c)))
            Fail(ImportFields.Phone, "import.phone_invalid");

        var ownerId = _import.DefaultOwnerId ?? _callerId;
        var ownerGiven = false;
        if (_owner >= 0 && ImportValues.Trimmed(row[_owner]) is { } ownerText)
        {
            ownerGiven = true;
            if (!_owners.TryGetValue(ownerText.Contains('@') ? EmailAddresses.Normalize(ownerText) : ImportFields.Fold(ownerText), out ownerId))
                Fail(ImportFields.Owner, "import.owner_unknown");
            else if (ownerId != _callerId && !_callerIsOwner)
                Fail(ImportFields.Owner, "import.owner_forbidden");
        }

        DateOnly? createdOn = null;
        if (_createdAt >= 0)
        {
            if (!ImportValues.TryDate(row[_createdAt], out createdOn))
                Fail(ImportFields.CreatedAt, "import.date_invalid");
            else if (createdOn > _today)
                Fail(ImportFields.CreatedAt, "import.date_future");
        }

        string? title = null;
        decimal value = 0;
        long? stageId = null;
        string? lossReason = null;
        var valueGiven = false;
        var stageGiven = false;
        if (_import.WithDeals)
        {
            // A row without a title is its lead's deal: most sheets of "clientes com valor" have no title column.
            title = Line(row, _title, ImportFields.Title, 255, required: false, Fail) ?? name;
            if (_value >= 0 && ImportValues.Trimmed(row[_value]) is not null)
            {
                valueGiven = true;
                if (!ImportValues.TryMoney(row[_value], out value))
                    Fail(ImportFields.Value, "import.value_invalid");
                else if (value < 0 || value > DealFields.MaxValue || decimal.Round(value, 2) != value)
                    Fail(ImportFields.Value, "import.value_range");
            }

            stageId = _import.DefaultStageId ?? PipelineStage.NewLead;
            if (_stage >= 0 && ImportValues.Trimmed(row[_stage]) is { } stageText)
            {
                stageGiven = true;
                if (ImportFields.StageOf(stageText) is { } stage)
                    stageId = stage;
                else
                    Fail(ImportFields.Stage, "import.stage_unknown");
            }

            lossReason = Line(row, _lossReason, ImportFields.LossReason, 2000, required: false, Fail, lines: true);
            if (stageId == PipelineStage.Lost && lossReason is null)
                Fail(ImportFields.LossReason, "import.loss_reason_required");
            if (stageId != PipelineStage.Lost)
                lossReason = null;
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new ImportRow(row.Row, name!, EmailAddresses.Normalize(email!), phone, ownerId, createdOn, title, value, stageId, lossReason,
            ownerGiven, valueGiven, stageGiven), errors);
    }

    private static string? Line(SpreadsheetRow row, int column, string field, int max, bool required, Action<string, string, object[]> fail, bool lines = false)
    {
        var text = column >= 0 ? ImportValues.Trimmed(row[column]) : null;
        if (text is not null && !lines)
            text = LineBreaks().Replace(text, " "); // a title typed over two lines in a cell is one line here
        if (text is null)
        {
            if (required)
                fail(field, "import.required", []);
            return null;
        }

        if (text.Length > max)
        {
            fail(field, "import.too_long", [max]);
            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(lines && c is '\n' or '\r' or '\t')))
        {
            fail(field, "import.control_characters", []);
            return null;
        }

        return text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*[\r\n\t]+\s*")]
    private static partial System.Text.RegularExpressions.Regex LineBreaks();
}
