using System.Data.Common;
using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A hand-written statement of a hot path: its SQL (positional parameters <c>$1</c>, <c>$2</c>, …) and the one typed way
/// to bind them, used by its use case and by <c>QueryPlanTests</c> alike.
/// </summary>
internal abstract class Statement<TArguments>
{
    public abstract string Sql { get; }

    /// <summary>The parameters in the order of <c>$1</c>, <c>$2</c>, ….</summary>
    protected abstract IEnumerable<NpgsqlParameter> Bind(TArguments arguments);

    /// <summary>A command on the context's connection (opened for it, closed again with it) and, if one is open, its transaction.</summary>
    public async Task<OpenedCommand> CommandAsync(
        ConversationsDbContext db,
        TArguments arguments,
        CancellationToken cancellationToken
    )
    {
        var opened = await OpenedConnection.OpenAsync(db, cancellationToken);
        return new OpenedCommand(
            Command(
                opened.Connection,
                arguments,
                (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ),
            opened
        );
    }

    public NpgsqlCommand Command(
        NpgsqlConnection connection,
        TArguments arguments,
        NpgsqlTransaction? transaction = null
    )
    {
        var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddRange(Bind(arguments).ToArray());
        return command;
    }

    public NpgsqlBatchCommand BatchCommand(TArguments arguments)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddRange(Bind(arguments).ToArray());
        return command;
    }

    protected static NpgsqlParameter Value<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    // A typed id is bound as the uuid it holds (chosen over the generic one, which Npgsql could not write).
    protected static NpgsqlParameter Value(ConversationId id) => Value(id.Value);

    protected static NpgsqlParameter Value(ParticipantId id) => Value(id.Value);

    protected static NpgsqlParameter Value(PersonId id) => Value(id.Value);

    protected static NpgsqlParameter Uuid(Guid? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };

    protected static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };

    /// <summary>The stored names of the manager roles (see <see cref="Groups.GroupRoles.ManagerRoles"/>).</summary>
    protected static NpgsqlParameter ManagerRoles() => Value(Groups.GroupRoles.ManagerRoleNames);
}

/// <summary>
/// The context's connection, opened by a hand-written statement: disposing it closes that open again. Contexts come
/// from a pool; one that went back with an open left counted would make every query of its next renter keep a database
/// connection until the renter is done — for the sign-in check of a hub connection, hours.
/// </summary>
internal sealed class OpenedConnection : IAsyncDisposable
{
    private readonly ConversationsDbContext db;

    private OpenedConnection(ConversationsDbContext db) => this.db = db;

    public NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    public static async Task<OpenedConnection> OpenAsync(ConversationsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenedConnection(db);
    }

    public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
}

/// <summary>A statement's command on its context's connection, which was opened for it and is closed with it.</summary>
internal sealed class OpenedCommand(NpgsqlCommand command, OpenedConnection opened) : IAsyncDisposable
{
    public Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        command.ExecuteReaderAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await command.DisposeAsync();
        await opened.DisposeAsync();
    }
}

/// <summary>Reading a statement's columns by their names rather than their positions.</summary>
internal static class ColumnReading
{
    public static T Get<T>(this DbDataReader row, string column) => row.GetFieldValue<T>(row.GetOrdinal(column));

    public static T? GetOrNull<T>(this DbDataReader row, string column)
        where T : struct
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetFieldValue<T>(ordinal);
    }

    public static bool IsNull(this DbDataReader row, string column) => row.IsDBNull(row.GetOrdinal(column));
}
