using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>
/// The uploaded file lives in the database (pipeline.import_file_chunks), so any Host instance can run or resume the
/// import after a restart; it is written and read a megabyte at a time, and read back into a temporary file that is
/// deleted when closed, which the CSV and XLSX readers stream from.
/// </summary>
internal static class ImportFiles
{
    public const int ChunkSize = 1024 * 1024;

    /// <summary>A temporary file, deleted when the stream is closed.</summary>
    public static FileStream Temporary() =>
        new(Path.Combine(Path.GetTempPath(), $"workshopcrm-import-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Stores <paramref name="file"/> for <paramref name="importId"/> (call inside the import's transaction).</summary>
    public static async Task SaveAsync(PipelineDb db, long importId, Stream file, CancellationToken ct)
    {
        file.Position = 0;
        var buffer = new byte[ChunkSize];
        var sequence = 0;
        int read;
        while ((read = await file.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct)) > 0)
        {
            var chunk = new ImportFileChunk { ImportId = importId, Sequence = sequence++, Content = buffer[..read] };
            db.ImportFileChunks.Add(chunk);
            await db.SaveChangesAsync(ct);
            db.Entry(chunk).State = EntityState.Detached;
        }
    }

    /// <summary>The stored file in a temporary file, positioned at its start.</summary>
    public static async Task<FileStream> OpenAsync(PipelineDb db, long importId, CancellationToken ct)
    {
        var file = Temporary();
        try
        {
            for (var sequence = 0; ; sequence++)
            {
                var content = await db.ImportFileChunks.AsNoTracking()
                    .Where(c => c.ImportId == importId && c.Sequence == sequence).Select(c => c.Content).SingleOrDefaultAsync(ct);
                if (content is null)
                    break;
                await file.WriteAsync(content, ct);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
