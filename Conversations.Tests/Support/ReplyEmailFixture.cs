using Microsoft.Extensions.Configuration;

namespace Conversations.Tests.Support;

/// <summary>The domain with email on and replies by email: new-message emails carry a reply address of the test domain.</summary>
public sealed class ReplyEmailFixture : EmailFixture
{
    public const string RepliesAddress = "reply@conversations.test";

    protected override IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddConfiguration(base.Configuration())
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Email:Replies:Address"] = RepliesAddress,
                    // Not read by these tests (they hand the emails to the use case); the mailbox is read in the journey's.
                    ["Email:Replies:Imap:Host"] = "127.0.0.1",
                }
            )
            .Build();
}
