using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Moderation;

/// <summary><c>Moderation</c> in appsettings: the accounts (by email address) that are administrators.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>
    /// Email addresses whose accounts get the administrator role when the app starts (accounts that do not exist yet get
    /// it once they register and the app starts again). Removing an address here does not take the role away.
    /// </summary>
    public List<string> Administrators { get; set; } = [];
}

/// <summary>
/// The administrator role: an Identity role (<see cref="Role"/>) held in the database (<c>AspNetUserRoles</c>), so it is
/// in the sign-in cookie as a role claim and every use case can check it. It is given by <c>Moderation:Administrators</c>
/// (never with a password of its own: the person registers as anyone does).
/// </summary>
public sealed class Administrators(
    IDbContextFactory<ConversationsDbContext> contexts,
    IServiceProvider services,
    IOptions<ModerationOptions> options,
    ILogger<Administrators> logger
)
{
    public const string Role = "Administrator";

    /// <summary>Whether this person is an administrator now (a live person holding the role).</summary>
    public async Task<bool> IsAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await IsAsync(db, personId, cancellationToken);
    }

    internal static Task<bool> IsAsync(ConversationsDbContext db, Guid personId, CancellationToken cancellationToken) =>
        (
            from held in db.UserRoles
            join role in db.Roles on held.RoleId equals role.Id
            join person in Participants.LivePerson.All(db) on held.UserId equals person.Id
            where held.UserId == personId && role.Name == Role
            select held
        ).AnyAsync(cancellationToken);

    /// <summary>Gives the role to the accounts of <c>Moderation:Administrators</c> that exist; run when the app starts.</summary>
    public async Task GrantConfiguredAsync(CancellationToken cancellationToken = default)
    {
        foreach (var address in options.Value.Administrators.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            await GrantAsync(address.Trim(), cancellationToken);
        }
    }

    /// <summary>Gives the role to the account with this address; false when there is none.</summary>
    public async Task<bool> GrantAsync(string address, CancellationToken cancellationToken = default)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(
            services
        );
        var provider = scope.ServiceProvider;
        var roles = (RoleManager<IdentityRole<Guid>>)provider.GetService(typeof(RoleManager<IdentityRole<Guid>>))!;
        var users =
            (UserManager<Participants.Participant>)provider.GetService(typeof(UserManager<Participants.Participant>))!;
        if (!await roles.RoleExistsAsync(Role))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(Role) { Id = Guid.NewGuid() });
        }

        if (await users.FindByEmailAsync(address) is not { } person)
        {
            logger.LogWarning("Moderation:Administrators names {Address}, which has no account yet", address);
            return false;
        }

        if (!await users.IsInRoleAsync(person, Role))
        {
            await users.AddToRoleAsync(person, Role);
            logger.LogInformation("{Address} is now an administrator", address);
        }

        return true;
    }
}
