using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WorkshopCrm.Modules.Pipeline.Tests;

internal sealed record ImportBody(long Id, string Kind, string FileName, string Format, string? Encoding, string? Separator, string Status,
    List<string> Columns, Dictionary<string, string>? Mapping, string Duplicates, int Total, int Processed, int Created, int Updated,
    int Skipped, int Failed, bool CancelRequested);

internal sealed record UploadedBody(ImportBody Import, List<List<string?>> SampleRows, Dictionary<string, string> SuggestedMapping, List<string> Fields);

internal sealed record DryRunErrorBody(int Row, string Field, string Code, string Message);

internal sealed record DryRunBody(int Total, int Valid, int Invalid, int Duplicates, List<DryRunErrorBody> Errors);

/// <summary>Small batches, so that an import of a few thousand rows is many transactions; a quick look for work.</summary>
public sealed class ImportsFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Pipeline:ImportBatchSize"] = "50";
        settings["Pipeline:ImportPollInterval"] = "00:00:00.200";
    }
}

internal static class ImportCalls
{
    public static readonly Encoding Windows1252 = CodePages();

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    public static Task<HttpResponseMessage> UploadAsync(this Account account, byte[] content, string fileName, string kind = "leads", string language = "pt-BR")
    {
        var request = account.Request(HttpMethod.Post, "/api/imports");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        request.Content = form;
        return account.Client.SendAsync(request);
    }

    public static Task<DryRunBody> MapAsync(this Account account, long id, Dictionary<string, string> mapping, string duplicates = "skip", long? ownerId = null, long? stageId = null) =>
        account.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping, duplicates, ownerId, stageId }).ReadAsync<DryRunBody>();

    /// <summary>Starts the import and waits until it has finished; answers its final state.</summary>
    public static async Task<ImportBody> RunAsync(this Account account, long id)
    {
        await account.SendAsync(HttpMethod.Post, $"/api/imports/{id}/start").ReadAsync<ImportBody>(HttpStatusCode.Accepted);
        return await FinishedAsync(account, id);
    }

    public static async Task<ImportBody> FinishedAsync(this Account account, long id)
    {
        ImportBody? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = await account.SendAsync(HttpMethod.Get, $"/api/imports/{id}").ReadAsync<ImportBody>();
            return last.Status is "Completed" or "Failed" or "Cancelled";
        }, $"import {id} to finish");
        return last!;
    }

    /// <summary>Uploads, maps as suggested and runs: the whole import of a file.</summary>
    public static async Task<ImportBody> ImportAsync(this Account account, byte[] content, string fileName, string kind = "leads", string duplicates = "skip")
    {
        var uploaded = await account.UploadAsync(content, fileName, kind).ReadAsync<UploadedBody>(HttpStatusCode.Created);
        await account.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping, duplicates);
        return await account.RunAsync(uploaded.Import.Id);
    }

    public static async Task<List<LeadBody>> LeadsAsync(this Account account) =>
        (await account.SendAsync(HttpMethod.Get, "/api/leads?pageSize=200").ReadAsync<PageBody<LeadBody>>()).Items;

    /// <summary>A minimal .xlsx: one sheet of inline strings and numbers; a cell "f:FORMULA|VALUE" is a formula with its cached value.</summary>
    public static byte[] Workbook(params string[][] rows)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Clientes" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 0; r < rows.Length; r++)
            {
                sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var at = $"{(char)('A' + c)}{r + 1}";
                    var cell = rows[r][c];
                    if (cell.StartsWith("f:", StringComparison.Ordinal))
                    {
                        var parts = cell[2..].Split('|');
                        sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<c r=\"{at}\"><f>{System.Security.SecurityElement.Escape(parts[0])}</f><v>{parts[1]}</v></c>");
                    }
                    else if (cell.StartsWith("n:", StringComparison.Ordinal))
                        sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<c r=\"{at}\"><v>{cell[2..]}</v></c>");
                    else
                        sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<c r=\"{at}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(cell)}</t></is></c>");
                }

                sheet.Append("</row>");
            }

            Part("xl/worksheets/sheet1.xml", sheet.Append("</sheetData></worksheet>").ToString());
        }

        return memory.ToArray();
    }
}

public sealed class Imports(ImportsFixture app) : IClassFixture<ImportsFixture>
{
    /// <summary>What Excel in pt-BR saves: Windows-1252, ';', dd/mm/aaaa, 1.234,56, a quoted field over two lines.</summary>
    private static byte[] BrazilianSheet(string ownerName) => ImportCalls.Windows1252.GetBytes(
        "Nome;E-mail;Telefone;Título;Valor;Etapa;Responsável;Data de cadastro\r\n" +
        $"João Açaí;joao@acai.com.br;(71) 98654-7720;\"Contrato anual\r\nrenovação\";1.234,56;Negociação;{ownerName};05/03/2026\r\n" +
        $"Conceição Lima;conceicao@lima.com.br;;Revisão;R$ 800,00;Ganho;;\r\n" +
        $"Maria Sem Email;;;Algo;10;;;\r\n" +
        $"Joao de novo;JOAO@acai.com.br;;Outra;5;;;\r\n" +
        $"Zé Valor;ze@valor.com.br;;Peças;abc;Etapa X;;31/02/2026\r\n");

    [Fact]
    public async Task A_pt_BR_Excel_CSV_is_read_with_its_accents_money_dates_and_line_breaks_and_each_row_becomes_a_lead_with_a_deal()
    {
        var owner = await app.ACompanyAsync();
        var uploaded = await owner.UploadAsync(BrazilianSheet("maria souza"), "clientes.csv", "deals").ReadAsync<UploadedBody>(HttpStatusCode.Created);

        Assert.Equal(("csv", "windows-1252", ";"), (uploaded.Import.Format, uploaded.Import.Encoding, uploaded.Import.Separator));
        Assert.Equal(["Nome", "E-mail", "Telefone", "Título", "Valor", "Etapa", "Responsável", "Data de cadastro"], uploaded.Import.Columns);
        Assert.Equal(5, uploaded.Import.Total);
        Assert.Equal("Contrato anual\r\nrenovação", uploaded.SampleRows[0][3]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["name"] = "Nome", ["email"] = "E-mail", ["phone"] = "Telefone", ["owner"] = "Responsável", ["createdAt"] = "Data de cadastro",
            ["title"] = "Título", ["value"] = "Valor", ["stage"] = "Etapa",
        }, uploaded.SuggestedMapping);

        var dry = await owner.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping);
        Assert.Equal((5, 2, 2, 1), (dry.Total, dry.Valid, dry.Invalid, dry.Duplicates));
        Assert.Contains(dry.Errors, e => e is { Row: 4, Field: "email", Message: "Obrigatório." });
        Assert.Contains(dry.Errors, e => e is { Row: 6, Field: "value" } && e.Message.Contains("1.234,56", StringComparison.Ordinal));
        Assert.Contains(dry.Errors, e => e is { Row: 6, Field: "stage" });
        Assert.Contains(dry.Errors, e => e is { Row: 6, Field: "createdAt" });
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.leads WHERE tenant_id = @p0", owner.TenantId)); // a dry run writes nothing

        var done = await owner.RunAsync(uploaded.Import.Id);
        Assert.Equal(("Completed", 5, 2, 0, 1, 2), (done.Status, done.Processed, done.Created, done.Updated, done.Skipped, done.Failed));

        var board = await owner.BoardAsync();
        var joao = board.Columns.Single(c => c.Stage.Id == 5).Deals.Single();
        Assert.Equal(("Contrato anual renovação", 1234.56m, "João Açaí"), (joao.Title, joao.Value, joao.LeadName));
        var conceicao = board.Columns.Single(c => c.Stage.Id == 6).Deals.Single();
        Assert.Equal(("Revisão", 800m), (conceicao.Title, conceicao.Value));
        var lead = (await owner.LeadsAsync()).Single(l => l.Email == "joao@acai.com.br");
        Assert.Equal("(71) 98654-7720", lead.Phone);
        Assert.Equal("2026-03-05", await app.ScalarAsync<string>(
            "SELECT (created_at AT TIME ZONE 'America/Sao_Paulo')::date::text FROM pipeline.deals WHERE id = @p0", joao.Id));

        // an imported deal has its history, like any other
        var timeline = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{joao.Id}/timeline").ReadAsync<PageBody<TimelineBody>>();
        Assert.Equal("created", Assert.Single(timeline.Items).Kind);

        // the rejected rows come back as the file was, with a reason, ready to fix and import again
        var errors = await owner.SendAsync(HttpMethod.Get, $"/api/imports/{uploaded.Import.Id}/errors");
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var csv = Encoding.UTF8.GetString(await errors.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFNome;E-mail;Telefone;Título;Valor;Etapa;Responsável;Data de cadastro;Linha;Motivo", csv, StringComparison.Ordinal);
        Assert.Contains("Maria Sem Email", csv, StringComparison.Ordinal);
        Assert.Contains("E-mail: Obrigatório.", csv, StringComparison.Ordinal);
        Assert.Contains("Zé Valor", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_nothing_new_and_update_changes_the_existing_lead_and_deal()
    {
        var owner = await app.ACompanyAsync();
        var sheet = Encoding.UTF8.GetBytes("\uFEFFNome,E-mail,Valor,Título\nAna,ana@x.com.br,100,Site\nBia,bia@x.com.br,200,Loja\n");
        var first = await owner.ImportAsync(sheet, "a.csv", "deals");
        Assert.Equal(2, first.Created);

        var again = await owner.ImportAsync(sheet, "a.csv", "deals");
        Assert.Equal((0, 2), (again.Created, again.Skipped));
        var updated = await owner.ImportAsync(Encoding.UTF8.GetBytes("Nome,E-mail,Valor,Título\nAna Souza,ana@x.com.br,\"1.500,00\",site\n"), "b.csv", "deals", "update");
        Assert.Equal((0, 1), (updated.Created, updated.Updated));

        Assert.Equal(2, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.leads WHERE tenant_id = @p0", owner.TenantId));
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.deals WHERE tenant_id = @p0", owner.TenantId));
        var ana = (await owner.BoardAsync()).Columns.SelectMany(c => c.Deals).Single(c => c.Title == "Site");
        Assert.Equal((1500m, "Ana Souza"), (ana.Value, ana.LeadName));
        var timeline = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{ana.Id}/timeline").ReadAsync<PageBody<TimelineBody>>();
        Assert.Equal(["value_changed", "created"], timeline.Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task Deals_an_import_creates_reach_an_open_board_live()
    {
        var owner = await app.ACompanyAsync();
        var uploaded = await owner.UploadAsync(Encoding.UTF8.GetBytes("Nome;E-mail;Valor\nAna;ana@x.com.br;10\n"), "a.csv", "deals").ReadAsync<UploadedBody>(HttpStatusCode.Created);
        await owner.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping);

        await using var board = await EventStream.OpenAsync(owner);
        await owner.SendAsync(HttpMethod.Post, $"/api/imports/{uploaded.Import.Id}/start").ReadAsync<ImportBody>(HttpStatusCode.Accepted);
        var created = await board.NextAsync("deal.created");
        Assert.Equal(owner.UserId, created.GetProperty("ownerId").GetInt64());
        Assert.Single((await owner.BoardAsync()).Columns.Single(c => c.Stage.Id == 1).Deals);
    }

    [Fact]
    public async Task An_xlsx_is_read_with_formula_cells_as_their_cached_values_and_text_that_starts_with_equals_kept_as_text()
    {
        var owner = await app.ACompanyAsync();
        var workbook = ImportCalls.Workbook(
            ["Name", "Email", "Phone", "Value", "Title"],
            ["=HYPERLINK(\"http://x\")", "f:LOWER(\"EVA@X.COM.BR\")|eva@x.com.br", "n:5571986547720", "f:1000+234.5|1234.5", "Fleet"]);
        var uploaded = await owner.UploadAsync(workbook, "clients.xlsx", "deals", "en").ReadAsync<UploadedBody>(HttpStatusCode.Created);
        Assert.Equal("xlsx", uploaded.Import.Format);
        await owner.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping);
        var done = await owner.RunAsync(uploaded.Import.Id);
        Assert.Equal(1, done.Created);

        var lead = Assert.Single(await owner.LeadsAsync());
        Assert.Equal(("=HYPERLINK(\"http://x\")", "eva@x.com.br", "5571986547720"), (lead.Name, lead.Email, lead.Phone));
        Assert.Equal(1234.5m, (await owner.BoardAsync()).Columns.SelectMany(c => c.Deals).Single().Value);
    }

    public static TheoryData<string, byte[], string> RefusedFiles() => new()
    {
        { "empty.csv", [], "import.file_empty" },
        { "header.csv", Encoding.UTF8.GetBytes("Nome;E-mail\r\n"), "import.file_only_header" },
        { "setup.csv", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0], "import.file_not_spreadsheet" },
        { "protected.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "import.file_protected_or_xls" },
        { "broken.xlsx", [(byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5, 6], "import.file_not_spreadsheet" },
        { "wide.csv", Encoding.UTF8.GetBytes(string.Join(';', Enumerable.Range(1, 5000).Select(i => $"c{i}")) + "\r\na;b\r\n"), "import.too_many_columns" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_no_importable_spreadsheet_is_refused_naming_the_file_and_nothing_is_written(string name, byte[] content, string code)
    {
        var owner = await app.ACompanyAsync();
        var problem = await Problem.ReadAsync(await owner.UploadAsync(content, name));
        Assert.Equal((400, code), (problem.Status, problem.Code));
        Assert.Contains("file", problem.Errors.Keys);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.imports WHERE tenant_id = @p0", owner.TenantId));
    }

    [Fact]
    public async Task A_million_rows_a_zip_bomb_and_a_file_over_20_MB_are_refused_as_too_large()
    {
        var owner = await app.ACompanyAsync();
        var million = new StringBuilder("Nome;E-mail\n", 12_000_000);
        for (var i = 0; i < 1_000_000; i++)
            million.Append("a;b\n");
        var rows = await Problem.ReadAsync(await owner.UploadAsync(Encoding.ASCII.GetBytes(million.ToString()), "million.csv"));
        Assert.Equal((413, "import.too_many_rows"), (rows.Status, rows.Code));

        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 420; i++)
                await sheet.WriteAsync(zeros);
        }

        var unpacked = await Problem.ReadAsync(await owner.UploadAsync(bomb.ToArray(), "bomb.xlsx"));
        Assert.Equal((413, "import.file_too_large_unpacked"), (unpacked.Status, unpacked.Code));

        var huge = await owner.UploadAsync(new byte[21 * 1024 * 1024], "huge.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.imports WHERE tenant_id = @p0", owner.TenantId));
    }

    [Fact]
    public async Task Bad_mapping_names_the_field_and_someone_elses_import_is_not_found()
    {
        var owner = await app.ACompanyAsync();
        var uploaded = await owner.UploadAsync(Encoding.UTF8.GetBytes("Nome;E-mail\nAna;ana@x.com\n"), "a.csv").ReadAsync<UploadedBody>(HttpStatusCode.Created);
        var id = uploaded.Import.Id;

        var unknown = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping = new { name = "Nome", email = "E-mail", salary = "Nome" }, duplicates = "skip" }));
        Assert.Contains("mapping.salary", unknown.Errors.Keys);
        var column = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping = new { name = "Nome", email = "Mail" }, duplicates = "skip" }));
        Assert.Contains("mapping.email", column.Errors.Keys);
        var missing = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping = new { name = "Nome" }, duplicates = "skip" }));
        Assert.Contains("mapping.email", missing.Errors.Keys);
        var duplicates = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping = new { name = "Nome", email = "E-mail" }, duplicates = "merge" }));
        Assert.Contains("duplicates", duplicates.Errors.Keys);
        var notMapped = await owner.SendAsync(HttpMethod.Post, $"/api/imports/{id}/start");
        Assert.Equal(HttpStatusCode.Conflict, notMapped.StatusCode);

        var stranger = await app.ACompanyAsync();
        var colleague = await app.AColleagueAsync(owner);
        foreach (var other in new[] { stranger, colleague })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/api/imports/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Put, $"/api/imports/{id}/mapping", new { mapping = uploaded.SuggestedMapping, duplicates = "skip" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Post, $"/api/imports/{id}/start")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Post, $"/api/imports/{id}/cancel")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/api/imports/{id}/errors")).StatusCode);
        }
    }

    [Fact]
    public async Task A_salesperson_imports_only_for_itself_and_cannot_update_a_colleagues_lead()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Sam Vendas");
        await owner.ALeadAsync("Lia", "lia@x.com.br");
        var uploaded = await seller.UploadAsync(Encoding.UTF8.GetBytes("Nome;E-mail;Responsável\nLia;lia@x.com.br;\nRui;rui@x.com.br;Sam Vendas\nEva;eva@x.com.br;" + owner.Email + "\n"), "s.csv")
            .ReadAsync<UploadedBody>(HttpStatusCode.Created);

        var forbidden = await seller.SendAsync(HttpMethod.Put, $"/api/imports/{uploaded.Import.Id}/mapping", new { mapping = uploaded.SuggestedMapping, duplicates = "update", ownerId = owner.UserId });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var dry = await seller.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping, "update");
        Assert.Equal((1, 2), (dry.Valid, dry.Invalid));
        Assert.Contains(dry.Errors, e => e is { Row: 2, Code: "import.lead_not_yours" });
        Assert.Contains(dry.Errors, e => e is { Row: 4, Code: "import.owner_forbidden" });

        var done = await seller.RunAsync(uploaded.Import.Id);
        Assert.Equal((1, 2), (done.Created, done.Failed));
        Assert.Equal("Lia", (await owner.LeadsAsync()).Single(l => l.Email == "lia@x.com.br").Name);
        Assert.Equal(seller.UserId, (await seller.LeadsAsync()).Single().OwnerId);
    }

    [Fact]
    public async Task Progress_comes_live_and_a_cancelled_import_keeps_what_it_wrote_and_writes_nothing_more()
    {
        var owner = await app.ACompanyAsync();
        var sheet = new StringBuilder("Nome;E-mail\n");
        for (var i = 0; i < 3000; i++)
            sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"Lead {i};lead{i}@x.com.br\n");
        var uploaded = await owner.UploadAsync(Encoding.UTF8.GetBytes(sheet.ToString()), "big.csv").ReadAsync<UploadedBody>(HttpStatusCode.Created);
        await owner.MapAsync(uploaded.Import.Id, uploaded.SuggestedMapping);

        await using var events = await EventStream.OpenAsync(owner);
        await owner.SendAsync(HttpMethod.Post, $"/api/imports/{uploaded.Import.Id}/start").ReadAsync<ImportBody>(HttpStatusCode.Accepted);
        var progress = await events.NextAsync("import.progress");
        Assert.Equal(uploaded.Import.Id, progress.GetProperty("importId").GetInt64());
        Assert.Equal(3000, progress.GetProperty("total").GetInt32());
        Assert.True(progress.GetProperty("processed").GetInt32() > 0);

        await owner.SendAsync(HttpMethod.Post, $"/api/imports/{uploaded.Import.Id}/cancel").ReadAsync<ImportBody>(HttpStatusCode.Accepted);
        var done = await owner.FinishedAsync(uploaded.Import.Id);
        Assert.Equal("Cancelled", done.Status);
        Assert.InRange(done.Created, 1, 2999);
        Assert.Equal(done.Created, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.leads WHERE tenant_id = @p0", owner.TenantId));
        Assert.Equal(HttpStatusCode.Conflict, (await owner.SendAsync(HttpMethod.Post, $"/api/imports/{uploaded.Import.Id}/start")).StatusCode);
    }
}
