using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> follow)
    {
        follow.ToTable("Follows");
        follow.HasKey(f => new { f.FollowerId, f.FollowedId }); // "does R follow S?" and whom R follows
        follow.HasIndex(f => f.FollowedId); // follower counts
        follow.HasOne<Participant>().WithMany().HasForeignKey(f => f.FollowerId).OnDelete(DeleteBehavior.Restrict);
        follow.HasOne<Participant>().WithMany().HasForeignKey(f => f.FollowedId).OnDelete(DeleteBehavior.Restrict);
    }
}
