using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> member)
    {
        member.ToTable("GroupMembers");
        member.HasKey(m => new { m.GroupId, m.MemberId });
        member.HasIndex(m => m.MemberId); // a person's groups, the groups they manage
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GroupReadPositionConfiguration : IEntityTypeConfiguration<GroupReadPosition>
{
    public void Configure(EntityTypeBuilder<GroupReadPosition> position)
    {
        position.ToTable("GroupReadPositions");
        position.HasKey(r => new { r.ConversationId, r.GroupId, r.ManagerId });
        position.HasIndex(r => new { r.ManagerId, r.GroupId }); // forgetting a former manager's positions
        position.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
        position.HasOne<Participant>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        position.HasOne<Participant>().WithMany().HasForeignKey(r => r.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
