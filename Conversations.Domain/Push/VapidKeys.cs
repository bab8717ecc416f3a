using System.Security.Cryptography;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Push;

/// <summary>
/// The site's VAPID keys, kept in PostgreSQL beside the data-protection keys: made by the first server that needs them
/// (two at once agree on one: the first insert wins), then read by all. Nothing to configure.
/// </summary>
public sealed class VapidKeys(IDbContextFactory<ConversationsDbContext> contexts)
{
    private VapidKey? known;

    public async Task<VapidKey> GetAsync(CancellationToken cancellationToken = default)
    {
        if (known is not null)
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.VapidKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == 1, cancellationToken) is not { } stored)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = key.ExportParameters(includePrivateParameters: true);
            var publicKey = WebEncoders.Base64UrlEncode([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
            var privateKey = WebEncoders.Base64UrlEncode(parameters.D!);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "VapidKeys" ("Id", "PublicKey", "PrivateKey") VALUES (1, {publicKey}, {privateKey}) ON CONFLICT ("Id") DO NOTHING
                """,
                cancellationToken
            );
            stored = await db.VapidKeys.AsNoTracking().SingleAsync(k => k.Id == 1, cancellationToken);
        }

        return known = stored;
    }
}
