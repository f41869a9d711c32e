using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

public static class DbErrors
{
    /// <summary>True when the save broke the named unique index: the database is the final guard of uniqueness.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string indexName) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && pg.ConstraintName == indexName;
}
