using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public const string NicknameIndex = "IX_Participants_Nickname";
    public const string EmailIndex = "EmailIndex";

    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.ToTable("Participants");
        participant.Property(p => p.DisplayName).HasMaxLength(ProfileText.DisplayNameMaxLength).IsRequired();
        participant.Property(p => p.Nickname).HasMaxLength(Nickname.MaxLength).IsRequired();
        participant.Property(p => p.About).HasMaxLength(ProfileText.AboutMaxLength).IsRequired();
        participant.HasIndex(p => p.Nickname, NicknameIndex).IsUnique();
        participant.Property(p => p.AcceptsMessagesFromAnyone).HasDefaultValue(true).HasSentinel(true);
        participant.Property(p => p.EmailAboutMessages).HasDefaultValue(true).HasSentinel(true);
        participant.Property(p => p.StrangersAsRequests).HasDefaultValue(false); // rows from before requests: anyone
        participant.Property(p => p.TimeZone).HasMaxLength(TimeZones.MaxIdLength);
        participant.Property(p => p.Language).HasMaxLength(Languages.MaxCodeLength);

        // Recipient search matches substrings of names and nicknames, case-insensitively: trigram indexes serve ILIKE '%…%'.
        participant
            .HasIndex(p => p.Nickname, "IX_Participants_Nickname_Trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
        participant
            .HasIndex(p => p.DisplayName, "IX_Participants_DisplayName_Trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
        // …and a common text is found faster by walking names in order until a page of matches (SearchStatement).
        participant.HasIndex(p => p.DisplayName, "IX_Participants_DisplayName");

        // Identity leaves the email index non-unique; two concurrent sign-ups with one address must not both succeed.
        participant.HasIndex(p => p.NormalizedEmail).IsUnique().HasDatabaseName(EmailIndex);
    }
}
