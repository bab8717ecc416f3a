using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class GroupInvitationConfiguration : IEntityTypeConfiguration<GroupInvitation>
{
    public void Configure(EntityTypeBuilder<GroupInvitation> invitation)
    {
        invitation.ToTable("GroupInvitations");
        invitation.HasKey(i => new { i.GroupId, i.PersonId });
        invitation.HasIndex(i => i.PersonId); // a person's pending invitations
        invitation.HasOne<Participant>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<Participant>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<Participant>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Cascade);
    }
}
