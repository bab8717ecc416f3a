using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> session)
    {
        session.ToTable("SignInSessions");
        session.HasKey(s => s.Id);
        session.HasIndex(s => s.PersonId);
        // The hourly housekeeping deletes sessions ended more than a day ago: a range of this index, never a scan of
        // every live session.
        session.HasIndex(s => s.EndedAt, "IX_SignInSessions_Ended").HasFilter("\"EndedAt\" IS NOT NULL");
        session.HasOne<Participant>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
