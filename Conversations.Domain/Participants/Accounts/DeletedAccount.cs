namespace Conversations.Domain.Participants;

/// <summary>
/// The one spelling of "deleted" in SQL: the account (or group) was deleted. A deleted participant keeps its place in
/// conversations as "Deleted participant", is never written to, found or mailed, and acts no more (<see cref="LivePerson"/>).
/// </summary>
public static class DeletedAccount
{
    /// <summary>The participant row aliased <paramref name="p"/> is deleted.</summary>
    public static string Sql(string p) => $"""({p}."DeletedAt" IS NOT NULL)""";

    /// <summary>The participant row aliased <paramref name="p"/> is not deleted.</summary>
    public static string NotSql(string p) => $"""({p}."DeletedAt" IS NULL)""";
}
