using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace WorkshopCrm.Testing;

/// <summary>
/// The real Host executable in its own process (as `dotnet WorkshopCrm.Host.dll`), for what only a process shows:
/// CLI verbs, Kestrel limits, being killed.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>Every Host this test process started and has not stopped yet: killed when the test process ends, whatever path it took.</summary>
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the Host serving on a free loopback port and waits until /health/live answers.</summary>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string> environment, int? port = null)
    {
        port ??= FreePort();
        var host = new HostProcess(Start(["--urls", $"http://127.0.0.1:{port}"], environment), port.Value);
        try
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.TrueAsync(async () =>
            {
                if (host.HasExited)
                    throw new InvalidOperationException($"The Host exited with {host._process.ExitCode}:\n{host.Output}");
                try
                {
                    return (await http.GetAsync("/health/live")).IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false; // not listening yet, or too busy starting to answer within the probe's 2 s: ask again
                }
            }, "the Host to start", TimeSpan.FromSeconds(90));
            return host;
        }
        catch
        {
            await host.DisposeAsync(); // a Host that did not come up is not left running
            throw;
        }
    }

    /// <summary>Runs a verb (migrate, seed-demo, dead-letters ...) to completion: exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(IDictionary<string, string> environment, params string[] args)
    {
        await using var host = new HostProcess(Start(args, environment), 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await host._process.WaitForExitAsync(timeout.Token);
        host._process.WaitForExit(); // flushes the output readers
        return (host._process.ExitCode, host.Output);
    }

    public static int FreePort() => SmtpCapture.FreePort();

    /// <summary>kill -9: no shutdown, no flush, like a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    static HostProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it had already exited
            }
        }
    };

    private static Process Start(IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkshopCrm.Host.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // Short-lived Hosts on a two-core machine shared with the other tests: one GC heap, no tiered-PGO
        // instrumentation and no recompiling of hot methods at the optimizing tier (each pays off in a long-running
        // server, not in a process that lives for seconds: the Host-process tests used a quarter less CPU without the
        // second, docs/operations/testing.md).
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_TC_CallCounting"] = "0";
        info.Environment["Jwt__SigningKey"] = CrmAppFixture.SigningKey;
        info.Environment[TestPasswords.IterationsKey.Replace(":", "__", StringComparison.Ordinal)] = TestPasswords.Iterations;
        info.Environment["Smtp__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "workshopcrm-tests-mail");
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the Host.");
        Running[process.Id] = process;
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
