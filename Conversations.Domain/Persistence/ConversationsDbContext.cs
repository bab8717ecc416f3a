using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Persistence;

/// <summary>The one database of the product: accounts (Identity), profiles, groups and conversations.</summary>
public class ConversationsDbContext(DbContextOptions<ConversationsDbContext> options)
    : IdentityDbContext<Participant, IdentityRole<Guid>, Guid>(options),
        IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every app server.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<ParticipantPicture> ParticipantPictures => Set<ParticipantPicture>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<GroupReadPosition> GroupReadPositions => Set<GroupReadPosition>();

    public DbSet<GroupInvitation> GroupInvitations => Set<GroupInvitation>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<Push.PushSubscription> PushSubscriptions => Set<Push.PushSubscription>();

    public DbSet<Push.PushMessage> PushMessages => Set<Push.PushMessage>();

    public DbSet<Push.VapidKey> VapidKeys => Set<Push.VapidKey>();

    public DbSet<Push.VisibleTab> VisibleTabs => Set<Push.VisibleTab>();

    public DbSet<Push.ShownNotification> ShownNotifications => Set<Push.ShownNotification>();

    public DbSet<Block> Blocks => Set<Block>();

    public DbSet<RateLimitBucket> RateLimitBuckets => Set<RateLimitBucket>();

    public DbSet<Email.OutboxEmail> OutboxEmails => Set<Email.OutboxEmail>();

    public DbSet<Email.EmailReplyAddress> EmailReplyAddresses => Set<Email.EmailReplyAddress>();

    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<Moderation.Report> Reports => Set<Moderation.Report>();

    public DbSet<Moderation.ModerationAction> ModerationActions => Set<Moderation.ModerationAction>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(ConversationsDbContext).Assembly);
    }
}
