using Conversations.Domain.Email;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

/// <summary>An email's unsubscribe link works for 60 days after the email was written, then never again.</summary>
public class UnsubscribeTokenTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [Fact]
    public void A_link_written_59_days_ago_still_works_and_one_written_61_days_ago_is_refused()
    {
        var person = Guid.NewGuid();
        var tokens = fixture.Get<UnsubscribeTokens>();
        fixture.Clock.Ahead = -TimeSpan.FromDays(59);
        var recent = tokens.For(person);
        fixture.Clock.Ahead = -TimeSpan.FromDays(61);
        var old = tokens.For(person);
        fixture.Clock.Ahead = TimeSpan.Zero;

        tokens.Read(recent).Should().Be(person);
        tokens.Read(old).Should().BeNull("links expire 60 days after their email");
    }
}
