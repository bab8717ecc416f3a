using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Push;

/// <summary>One server's word that a person has a tab of the site in view there, until <see cref="Until"/>.</summary>
public class VisibleTab
{
    public Guid PersonId { get; set; }

    /// <summary>The server that said so (<see cref="LookingNow.Server"/>): each server speaks only for its own circuits.</summary>
    public Guid ServerId { get; set; }

    /// <summary>When the word lapses unless said again: a server that stops without a word is forgotten after this.</summary>
    public DateTimeOffset Until { get; set; }
}

/// <summary>
/// Who is looking at the site now, across servers: a person with a tab in view (visible in the browser and connected to
/// its circuit) is told of new messages by the page itself, so a push to their devices would only repeat it
/// (<see cref="PushSender"/> asks <see cref="Sql"/>). Each server keeps its own circuits' state in memory and writes it to
/// <c>VisibleTabs</c>: at once when a person comes into view or leaves it, and again every <see cref="Beat"/> so that the
/// word of a server that died lapses after <see cref="Lifetime"/>.
/// </summary>
public sealed class LookingNow(
    IDbContextFactory<ConversationsDbContext> contexts,
    TimeProvider time,
    ILogger<LookingNow> logger
) : BackgroundService
{
    /// <summary>How often a server says again who is looking at it.</summary>
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(20);

    /// <summary>How long a server's word holds: a few beats, so that a slow turn does not make anyone look away.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly Lock gate = new();
    private readonly Dictionary<object, Guid> inView = [];
    private readonly SemaphoreSlim changed = new(0, 1);
    private HashSet<Guid> written = [];

    /// <summary>This server, as <c>VisibleTabs</c> knows it.</summary>
    public Guid Server { get; } = Guid.NewGuid();

    /// <summary>
    /// Whether <paramref name="person"/> is looking at the site now, on any server, as SQL over <c>VisibleTabs</c> at
    /// <paramref name="now"/> (a parameter or expression).
    /// </summary>
    internal static string Sql(string person, string now) =>
        $"""EXISTS (SELECT 1 FROM "VisibleTabs" v WHERE v."PersonId" = {person} AND v."Until" > {now})""";

    /// <summary>A tab (<paramref name="tab"/>: any object that stands for it while it lives) of <paramref name="person"/> is in view or not.</summary>
    public void Set(object tab, Guid person, bool inSight)
    {
        bool before,
            after;
        lock (gate)
        {
            before = inView.ContainsValue(person);
            if (inSight)
            {
                inView[tab] = person;
            }
            else
            {
                inView.Remove(tab);
            }

            after = inView.ContainsValue(person);
        }

        if (before != after && changed.CurrentCount == 0)
        {
            try
            {
                changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    /// <summary>The tab is gone (its circuit closed).</summary>
    public void Forget(object tab)
    {
        Guid person;
        lock (gate)
        {
            if (!inView.TryGetValue(tab, out person))
            {
                return;
            }
        }

        Set(tab, person, false);
    }

    /// <summary>Writes who is looking at this server now: every such person's word renewed, the others' taken back.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        HashSet<Guid> now;
        lock (gate)
        {
            now = [.. inView.Values];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gone = written.Except(now).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH gone AS (DELETE FROM "VisibleTabs" WHERE "ServerId" = {Server} AND ("PersonId" = ANY({gone}) OR "Until" <= {time.GetUtcNow()}))
            INSERT INTO "VisibleTabs" ("PersonId", "ServerId", "Until")
            SELECT p, {Server}, {time.GetUtcNow() + Lifetime} FROM unnest({now.ToArray()}) AS p
            ON CONFLICT ("PersonId", "ServerId") DO UPDATE SET "Until" = EXCLUDED."Until"
            """,
            cancellationToken
        );
        written = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await WriteAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(
                        exception,
                        "Who is looking at this server could not be written; trying again at the next beat"
                    );
                }

                await changed.WaitAsync(Beat, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: below
        }

        // This server stops: nobody is looking at it any more.
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.Database.ExecuteSqlAsync(
                $"""DELETE FROM "VisibleTabs" WHERE "ServerId" = {Server}""",
                CancellationToken.None
            );
        }
        catch (Exception exception)
        {
            logger.LogInformation(
                exception,
                "This server's word on who is looking could not be taken back; it lapses by itself"
            );
        }
    }
}
