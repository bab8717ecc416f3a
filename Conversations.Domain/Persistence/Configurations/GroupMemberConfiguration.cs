using Conversations.Domain.Groups;
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
        member.Property(m => m.InboxMuted).HasDefaultValue(false);
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
