using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Common;

internal static class UniqueViolation
{
    /// <summary>The name of the unique index a failed save collided with, if that is why it failed.</summary>
    public static string? ConstraintOf(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
            ? pg.ConstraintName
            : null;
}
