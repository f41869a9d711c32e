using WorkshopCrm.Host;
using WorkshopCrm.Host.Cli;

var verb = HostVerbs.IsVerb(args);
var app = CrmApp.Build(args, serving: !verb);

if (verb)
    return await HostVerbs.RunAsync(app, args);

await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory in the Host's tests.</summary>
public partial class Program;
