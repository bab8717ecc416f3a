using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Persistence;

/// <summary>The one database of the product: accounts (Identity), profiles, and later conversations.</summary>
public class ConversationsDbContext(DbContextOptions<ConversationsDbContext> options)
    : IdentityDbContext<Participant, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<ParticipantPicture> ParticipantPictures => Set<ParticipantPicture>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ConversationsDbContext).Assembly);
    }
}
