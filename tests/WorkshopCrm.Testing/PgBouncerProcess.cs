using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Npgsql;

namespace WorkshopCrm.Testing;

/// <summary>
/// Debian's pgbouncer in transaction mode in front of the tests' PostgreSQL, as scripts/lib/scale.sh runs it for
/// several instances (issue 20): a Host given <see cref="Through"/> gets a server connection for one transaction at a
/// time. scripts/test.sh installs it; without it the tests that need it fail and say so.
/// </summary>
public sealed class PgBouncerProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly string[] Binaries = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private PgBouncerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// <paramref name="connectionString"/> with pgbouncer in the middle: same database, user and password, pgbouncer's
    /// address (the Host turns Npgsql's reset on close off itself, ADR 0029).
    /// </summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    /// <summary>Starts pgbouncer on a free loopback port, for the runtime role, and waits until it answers a query.</summary>
    public static async Task<PgBouncerProcess> StartAsync(string database)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pgbouncer is not installed: scripts/test.sh installs it (apt-get install pgbouncer).");
        var server = new NpgsqlConnectionStringBuilder(database);
        var runtime = new NpgsqlConnectionStringBuilder(TestPostgres.AsRuntimeRole(database));
        var port = HostProcess.FreePort();
        var directory = Directory.CreateTempSubdirectory("workshopcrm-pgbouncer-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // pgbouncer runs as postgres when we are root
        await File.WriteAllTextAsync(Path.Combine(directory, "userlist.txt"), $"\"{runtime.Username}\" \"{runtime.Password}\"\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "pgbouncer.ini"),
            $"""
             [databases]
             * = host={server.Host} port={server.Port}

             [pgbouncer]
             listen_addr = 127.0.0.1
             listen_port = {port}
             unix_socket_dir =
             auth_type = scram-sha-256
             auth_file = {directory}/userlist.txt
             pool_mode = transaction
             default_pool_size = 10
             max_client_conn = 500
             ignore_startup_parameters = extra_float_digits,search_path
             server_reset_query =
             log_connections = 0
             log_disconnections = 0
             """);

        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.UserName == "root")
        {
            info.ArgumentList.Add("-u"); // pgbouncer refuses to run as root
            info.ArgumentList.Add("postgres");
        }
        info.ArgumentList.Add(Path.Combine(directory, "pgbouncer.ini"));
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pgbouncer.");
        Running[process.Id] = process;
        var bouncer = new PgBouncerProcess(process, directory, port);
        try
        {
            var through = bouncer.Through(runtime.ConnectionString);
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"pgbouncer exited with {process.ExitCode}:\n{bouncer.Output}");
                try
                {
                    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(through) { Pooling = false }.ConnectionString);
                    await connection.OpenAsync();
                    return true;
                }
                catch (NpgsqlException)
                {
                    return false; // not listening yet
                }
            }, "pgbouncer to let the runtime role in", TimeSpan.FromSeconds(20));
            return bouncer;
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open a moment after the kill: the temp folder is cleared with the machine
        }
    }

    static PgBouncerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
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

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
