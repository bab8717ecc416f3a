using Conversations.Domain;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Domain.Safety;

/// <summary>The limits of the repository's appsettings.json: 10 messages at once then 30 a minute; 20 new conversations an hour.</summary>
public class RateLimitTests(ConfiguredLimitsFixture fixture) : IClassFixture<ConfiguredLimitsFixture>
{
    [Fact]
    public async Task A_burst_of_ten_messages_passes_and_the_eleventh_is_refused_with_the_wait()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "1", bob)).Value!.ConversationId;
        for (var i = 2; i <= 10; i++)
        {
            (await fixture.ReplyAsync(alice, id, $"{i}")).Succeeded.Should().BeTrue($"message {i} is within the burst");
        }

        var eleventh = await fixture.ReplyAsync(alice, id, "11");

        eleventh
            .Problem.Should()
            .BeOfType<TooFast>()
            .Which.InEnglish()
            .Should()
            .Be("You are sending too fast: try again in 2 seconds.");
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .HaveCount(10, "the refused message is not stored");
        (await fixture.ReplyAsync(bob, id, "bob has his own bucket")).Succeeded.Should().BeTrue();

        fixture.Clock.Ahead += TimeSpan.FromSeconds(2);
        (await fixture.ReplyAsync(alice, id, "11, later"))
            .Succeeded.Should()
            .BeTrue("a token dripped in during the two seconds");
        (await fixture.ReplyAsync(alice, id, "12")).Problem.Should().BeOfType<TooFast>("one token, one message");
    }

    [Fact]
    public async Task Twenty_new_conversations_an_hour_pass_and_the_next_waits_about_three_minutes()
    {
        var starter = await fixture.NewParticipantAsync();
        var people = await fixture.PeopleAsync(22);
        var id = (await fixture.StartAsync(people[0], "someone else's", starter)).Value!.ConversationId;
        for (var i = 1; i <= 20; i++)
        {
            // Spaced by the message rate: the conversation limit is what this test is about.
            await fixture.ResetMessageBucketAsync(starter);
            (await fixture.StartAsync(starter, $"hello {i}", people[i]))
                .Succeeded.Should()
                .BeTrue($"conversation {i} is within the hour's 20");
        }

        await fixture.ResetMessageBucketAsync(starter);
        var next = await fixture.StartAsync(starter, "one too many", people[21]);
        var existing = await fixture.StartAsync(starter, "to an existing conversation", people[0]);

        next.Problem.Should()
            .BeOfType<TooFast>()
            .Which.RetryAfter.Should()
            .Be(TimeSpan.FromSeconds(180), "no time passed on the buckets' clock");
        existing.Succeeded.Should().BeTrue("writing into a conversation that exists starts nothing new");
        existing.Value!.ConversationId.Should().Be(id);
    }

    [Fact]
    public async Task The_limit_holds_across_two_app_servers_sharing_the_database()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var services = new ServiceCollection().AddLogging();
        services.AddConversationsDomain(
            fixture.ConnectionString,
            new ConfigurationBuilder().AddJsonFile(Path.Combine(Artifacts.RepositoryRoot, "appsettings.json")).Build()
        );
        services.AddSingleton<TimeProvider>(fixture.Clock); // the two servers' clocks agree, as NTP keeps them
        await using var otherServer = services.BuildServiceProvider();
        var id = (await fixture.StartAsync(alice, "1", bob)).Value!.ConversationId;
        var results = new List<bool>();
        for (var i = 2; i <= 11; i++)
        {
            var server = i % 2 == 0 ? otherServer.GetRequiredService<Reply>() : fixture.Get<Reply>();
            results.Add(
                (
                    await server.HandleAsync(new ReplyCommand(Actor.Person(alice.Id), new ConversationId(id), $"{i}"))
                ).Succeeded
            );
        }

        results.Should().Equal([.. Enumerable.Repeat(true, 9), false]);
    }

    [Fact]
    public async Task Asked_why_a_message_was_refused_a_bucket_holding_a_token_never_answers_too_fast_and_the_refusal_says_it_was_not_sent()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var options = fixture.Get<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
        await using var db = await fixture.DbAsync();

        var withTokens = await RateLimiter.MessageRefusalAsync(db, options, alice.Id, CancellationToken.None);
        var id = (await fixture.StartAsync(alice, "1", bob)).Value!.ConversationId;
        for (var i = 2; i <= 10; i++)
        {
            await fixture.ReplyAsync(alice, id, $"{i}");
        }

        var spent = await RateLimiter.MessageRefusalAsync(db, options, alice.Id, CancellationToken.None);
        var unexplained = RateLimiter.UnexplainedRefusal(
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            Actor.Person(alice.Id),
            id
        );

        withTokens.Should().BeNull("a full bucket did not refuse anything: 'too fast' would be a lie");
        spent.Should().BeOfType<TooFast>().Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(2));
        unexplained
            .Should()
            .Be(new NotAllowed(ProblemCodes.MessageNotSent), "a refusal no check explains is shown as a refusal");
    }
}
