using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Demo;

/// <summary>A demo lead; <paramref name="BySalesperson"/> false means the Business Owner owns it.</summary>
internal sealed record DemoLead(string Name, string Email, string Phone, bool BySalesperson);

/// <summary>A demo deal on lead number <paramref name="Lead"/> (1-based), in its stage for <paramref name="DaysInStage"/> days.</summary>
internal sealed record DemoDeal(int Lead, string Title, decimal Value, long Stage, int DaysInStage, bool BySalesperson, string? LossReason = null);

/// <summary>A note on deal number <paramref name="Deal"/> (1-based).</summary>
internal sealed record DemoNote(int Deal, string Body, int DaysAgo, bool BySalesperson);

/// <summary>
/// A demo activity on deal number <paramref name="Deal"/> (1-based), due <paramref name="DaysFromToday"/> days from the
/// company's today (negative: overdue) at <paramref name="Time"/> ("HH:mm", null for all day); done when
/// <paramref name="Outcome"/> is given.
/// </summary>
internal sealed record DemoActivity(int Deal, long Type, string Subject, int DaysFromToday, string? Time, bool BySalesperson, string? Outcome = null);

/// <summary>The demo company's pipeline: Brazilian small businesses as prospects, values in BRL.</summary>
internal static class DemoData
{
    private const bool Salesperson = true;
    private const bool Owner = false;

    private const long NewLead = PipelineStage.NewLead;
    private const long Contacted = 2;
    private const long Qualified = 3;
    private const long ProposalSent = 4;
    private const long Negotiation = 5;
    private const long Won = PipelineStage.Won;
    private const long Lost = PipelineStage.Lost;

    public static readonly DemoLead[] Leads =
    [
        new("Mariana Souza", "mariana.souza@paodourado.com.br", "+55 11 98765-4321", Owner),                 // 1
        new("Carlos Eduardo Lima", "carlos@autopecaslima.com.br", "+55 21 99654-1287", Salesperson),         // 2
        new("Fernanda Oliveira", "fernanda.oliveira@sorrisopleno.com.br", "+55 31 98812-4410", Owner),       // 3
        new("Rafael Almeida", "rafael.almeida@horizonteazul.eng.br", "+55 41 99123-7788", Owner),            // 4
        new("Juliana Costa", "juliana@bellaforma.com.br", "+55 51 98456-3321", Salesperson),                 // 5
        new("Thiago Pereira", "thiago.pereira@rotasul.com.br", "+55 47 99745-0902", Salesperson),            // 6
        new("Patrícia Ribeiro", "patricia.ribeiro@pequenosaber.com.br", "+55 62 98231-5567", Owner),         // 7
        new("Lucas Martins", "lucas.martins@mercadobompreco.com.br", "+55 81 99876-1203", Salesperson),      // 8
        new("Aline Fernandes", "aline@visaoclara.com.br", "+55 71 98654-7720", Owner),                       // 9
        new("Bruno Carvalho", "bruno.carvalho@corpoemmovimento.com.br", "+55 85 99612-3345", Salesperson),   // 10
        new("Camila Rocha", "camila.rocha@jardimsecreto.com.br", "+55 11 97123-8890", Owner),                // 11
        new("Diego Nascimento", "diego@mecanicanascimento.com.br", "+55 19 99234-5678", Salesperson),        // 12
        new("Gabriela Teixeira", "gabriela.teixeira@sabordaterra.com.br", "+55 92 98145-6632", Salesperson), // 13
        new("Rodrigo Barbosa", "rodrigo.barbosa@barbosaadvocacia.com.br", "+55 61 99321-4456", Salesperson), // 14
        new("Larissa Moreira", "larissa@amigofiel.com.br", "+55 27 98876-2211", Salesperson),                // 15
        new("Felipe Gomes", "felipe.gomes@impressaorapida.com.br", "+55 11 96543-1098", Owner),              // 16
        new("Beatriz Cardoso", "beatriz.cardoso@pousadamarazul.com.br", "+55 48 99187-6543", Owner),         // 17
        new("Gustavo Araújo", "gustavo@araujobebidas.com.br", "+55 34 99765-4312", Salesperson),             // 18
        new("Vanessa Dias", "vanessa.dias@belezapura.com.br", "+55 21 98234-9087", Salesperson),             // 19
        new("Marcelo Santos", "marcelo.santos@imobcasanova.com.br", "+55 11 99456-7123", Owner),             // 20
        new("Renata Lopes", "renata.lopes@farmaciasaudevida.com.br", "+55 84 98567-3342", Owner),            // 21
        new("André Vieira", "andre.vieira@vieiraeletrica.com.br", "+55 16 99678-2231", Owner),               // 22
        new("Tatiane Mendes", "tatiane@modaeestilo.com.br", "+55 43 98345-1176", Salesperson),               // 23
        new("Ricardo Freitas", "ricardo.freitas@boavistaagro.com.br", "+55 65 99912-8870", Owner),           // 24
        new("Daniela Castro", "daniela.castro@vidaanalises.com.br", "+55 98 98123-4409", Owner),             // 25
    ];

    public static readonly DemoDeal[] Deals =
    [
        new(1, "Padaria Pão Dourado — plano anual de manutenção", 4_800.00m, NewLead, 1, Owner),                          // 1
        new(8, "Mercado Bom Preço — balanças e etiquetadoras", 12_750.00m, NewLead, 2, Salesperson),                      // 2
        new(16, "Gráfica Impressão Rápida — contrato de suporte", 3_600.00m, NewLead, 0, Owner),                          // 3
        new(19, "Salão Beleza Pura — sistema de agendamento", 2_390.00m, NewLead, 3, Salesperson),                         // 4
        new(23, "Moda & Estilo — PDV para duas lojas", 8_900.00m, NewLead, 4, Salesperson),                               // 5
        new(25, "Laboratório Vida Análises — integração de laudos", 27_500.00m, NewLead, 23, Owner),                      // 6 stale
        new(2, "Auto Peças Lima — controle de estoque", 15_300.00m, Contacted, 2, Salesperson),                           // 7
        new(11, "Floricultura Jardim Secreto — loja virtual", 6_200.00m, Contacted, 5, Owner),                            // 8
        new(15, "Pet Shop Amigo Fiel — programa de fidelidade", 4_350.00m, Contacted, 1, Salesperson),                    // 9
        new(21, "Farmácia Saúde & Vida — renovação de licenças", 9_800.00m, Contacted, 6, Owner),                        // 10
        new(12, "Oficina Nascimento — ordens de serviço digitais", 5_400.00m, Contacted, 35, Salesperson),                // 11 stale
        new(3, "Clínica Sorriso Pleno — prontuário eletrônico", 18_900.00m, Qualified, 4, Owner),                         // 12
        new(6, "Transportadora Rota Sul — rastreamento de frota", 42_000.00m, Qualified, 7, Salesperson),                 // 13
        new(10, "Academia Corpo em Movimento — catracas e app", 23_800.00m, Qualified, 2, Salesperson),                   // 14
        new(17, "Pousada Mar Azul — motor de reservas", 11_200.00m, Qualified, 9, Owner),                                  // 15
        new(22, "Vieira Engenharia Elétrica — treinamento da equipe", 7_600.00m, Qualified, 3, Owner),                    // 16
        new(4, "Construtora Horizonte Azul — gestão de obras", 68_500.00m, ProposalSent, 5, Owner),                       // 17
        new(13, "Restaurante Sabor da Terra — cardápio digital e delivery", 5_900.00m, ProposalSent, 8, Salesperson),     // 18
        new(20, "Imobiliária Casa Nova — portal de imóveis", 31_000.00m, ProposalSent, 42, Owner),                         // 19 stale
        new(18, "Araújo Bebidas — força de vendas (15 usuários)", 54_000.00m, ProposalSent, 3, Salesperson),              // 20
        new(7, "Escola Pequeno Saber — matrículas online", 19_500.00m, Negotiation, 6, Owner),                             // 21
        new(24, "Fazenda Boa Vista — telemetria de maquinário", 87_300.00m, Negotiation, 2, Owner),                        // 22
        new(14, "Barbosa Advocacia — gestão de processos", 22_400.00m, Negotiation, 4, Salesperson),                       // 23
        new(5, "Estúdio Bella Forma — aplicativo de aulas", 7_200.00m, Won, 3, Salesperson),                               // 24
        new(9, "Ótica Visão Clara — PDV e estoque", 13_600.00m, Won, 10, Owner),                                           // 25
        new(1, "Padaria Pão Dourado — totem de autoatendimento", 9_400.00m, Won, 1, Owner),                               // 26
        new(10, "Academia Corpo em Movimento — plano de manutenção", 3_200.00m, Won, 6, Salesperson),                      // 27
        new(2, "Auto Peças Lima — e-commerce B2B", 25_000.00m, Lost, 8, Salesperson,
            "Fechou com um concorrente com preço cerca de 20% menor."),                                                    // 28
        new(21, "Farmácia Saúde & Vida — rede de três lojas", 48_000.00m, Lost, 12, Owner,
            "Projeto adiado para o ano que vem por falta de orçamento."),                                                  // 29
        new(19, "Salão Beleza Pura — fidelidade por WhatsApp", 1_800.00m, Lost, 4, Salesperson,
            "Sem resposta depois de três tentativas de contato."),                                                         // 30
    ];

    private const long Call = Contracts.Pipeline.ActivityTypeIds.Call;
    private const long WhatsApp = Contracts.Pipeline.ActivityTypeIds.WhatsApp;
    private const long Meeting = Contracts.Pipeline.ActivityTypeIds.Meeting;
    private const long Email = Contracts.Pipeline.ActivityTypeIds.Email;
    private const long Visit = Contracts.Pipeline.ActivityTypeIds.Visit;
    private const long Task = Contracts.Pipeline.ActivityTypeIds.Task;

    /// <summary>A day's work for the demo team: some late, some today, the next days, a few done (the agenda's four tabs).</summary>
    public static readonly DemoActivity[] Activities =
    [
        new(19, Call, "Ligar para o Marcelo: ainda há interesse na proposta?", -3, "10:00", Owner),
        new(11, WhatsApp, "Mandar fotos das ordens de serviço digitais", -1, null, Salesperson),
        new(6, Email, "Enviar o escopo da integração de laudos", -2, null, Owner),
        new(17, Meeting, "Revisar a proposta com o Rafael (obra de Curitiba)", 0, "09:30", Owner),
        new(22, Call, "Responder ao pedido de 10% de desconto", 0, "11:00", Owner),
        new(13, Visit, "Demonstração na Rota Sul — levar o rastreador", 0, "14:00", Salesperson),
        new(20, WhatsApp, "Perguntar ao Gustavo o que os sócios acharam", 0, null, Salesperson),
        new(12, Task, "Montar o orçamento do prontuário eletrônico", 1, null, Owner),
        new(21, Meeting, "Reunião de fechamento com a Patrícia", 2, "15:00", Owner),
        new(23, Meeting, "Reunião de fechamento com o Dr. Rodrigo", 3, "10:00", Salesperson),
        new(2, Call, "Apresentar as balanças ao Lucas", 4, "16:30", Salesperson),
        new(14, Email, "Enviar o contrato da academia", 6, null, Salesperson),
        new(1, Call, "Primeiro contato com a Mariana", -5, "09:00", Owner, "Pediu uma proposta por e-mail."),
        new(24, Visit, "Kick-off da implantação no estúdio", -2, "08:30", Salesperson, "Implantação começa dia 5."),
    ];

    public static readonly DemoNote[] Notes =
    [
        new(17, "Reunião com o Rafael: querem começar pela obra de Curitiba. Enviar a proposta revisada até sexta.", 4, Owner),
        new(22, "Ricardo pediu 10% de desconto para pagamento à vista. Ver a margem antes de responder.", 1, Owner),
        new(13, "Frota de 38 caminhões, hoje controlada em planilha. Demonstração marcada para terça às 10h.", 5, Salesperson),
        new(20, "Proposta enviada por e-mail; o Gustavo apresenta aos sócios na semana que vem.", 2, Salesperson),
        new(19, "Sem retorno desde o envio da proposta. Ligar para o Marcelo e confirmar se ainda há interesse.", 20, Owner),
        new(23, "Se precisar, eu participo da reunião de fechamento com o Dr. Rodrigo.", 2, Owner),
        new(24, "Contrato assinado! Implantação combinada para o dia 5.", 3, Salesperson),
        new(28, "Cliente fechou com outro fornecedor; retomar o contato daqui a seis meses.", 8, Salesperson),
    ];
}
