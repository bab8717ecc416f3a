using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class GroupReadPositionConfiguration : IEntityTypeConfiguration<GroupReadPosition>
{
    public void Configure(EntityTypeBuilder<GroupReadPosition> position)
    {
        position.ToTable("GroupReadPositions");
        position.HasKey(r => new
        {
            r.ConversationId,
            r.GroupId,
            r.ManagerId,
        });
        position.Property(r => r.Muted).HasDefaultValue(false);
        position.HasIndex(r => new { r.ManagerId, r.GroupId }); // forgetting a former manager's positions
        position
            .HasOne<Conversation>()
            .WithMany()
            .HasForeignKey(r => r.ConversationId)
            .OnDelete(DeleteBehavior.Restrict);
        position.HasOne<Participant>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        position.HasOne<Participant>().WithMany().HasForeignKey(r => r.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
