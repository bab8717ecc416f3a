using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Safety;

/// <summary>
/// Everything a person can make the server do is limited (issue 14, finding 8), with the settings of appsettings.json:
/// 20 changes a minute, 10 new groups a day, 60 searches a minute, at most the recipient limit in a link.
/// </summary>
public class WorkLimitsTests(ConfiguredLimitsFixture fixture) : IClassFixture<ConfiguredLimitsFixture>
{
    [Fact]
    public async Task Reports_are_limited_like_messages_ten_in_a_burst_and_the_eleventh_waits()
    {
        var reporter = await fixture.NewParticipantAsync();
        var reported = new List<Participant>();
        for (var i = 0; i < 11; i++)
        {
            reported.Add(await fixture.NewParticipantAsync());
        }

        var results = new List<Result<Guid>>();
        foreach (var person in reported)
        {
            results.Add(
                await fixture
                    .Get<Conversations.Domain.Moderation.ReportParticipant>()
                    .HandleAsync(
                        new Conversations.Domain.Moderation.ReportCommand(
                            new PersonId(reporter.Id),
                            new ParticipantId(person.Id),
                            Conversations.Domain.Moderation.ReportReason.Spam,
                            ""
                        )
                    )
            );
        }

        results.Take(10).Should().OnlyContain(r => r.Succeeded);
        results[10]
            .Problem.Should()
            .BeOfType<TooFast>()
            .Which.InEnglish()
            .Should()
            .StartWith("You are sending too fast: try again in");
        (
            await fixture
                .Get<Conversations.Domain.Moderation.ReportParticipant>()
                .HasOpenAsync(new PersonId(reporter.Id), new ParticipantId(reported[10].Id))
        )
            .Should()
            .BeFalse("nothing was kept");
    }

    [Fact]
    public async Task Follows_blocks_and_profile_changes_share_twenty_a_minute_and_the_twenty_first_changes_nothing()
    {
        var busy = await fixture.NewParticipantAsync();
        var others = new List<Participant>();
        for (var i = 0; i < 8; i++)
        {
            others.Add(await fixture.NewParticipantAsync());
        }

        var results = new List<Problem?>();
        foreach (var other in others)
        {
            results.Add(
                (
                    await fixture
                        .Get<FollowParticipant>()
                        .HandleAsync(new PersonId(busy.Id), new ParticipantId(other.Id))
                ).Problem
            );
            results.Add(
                (
                    await fixture
                        .Get<FollowParticipant>()
                        .HandleAsync(new PersonId(busy.Id), new ParticipantId(other.Id), follow: false)
                ).Problem
            );
        }

        results.Add(
            (
                await fixture
                    .Get<BlockParticipant>()
                    .HandleAsync(new PersonId(busy.Id), new ParticipantId(others[0].Id))
            ).Problem
        );
        results.Add(
            (
                await fixture
                    .Get<BlockParticipant>()
                    .HandleAsync(new PersonId(busy.Id), new ParticipantId(others[0].Id), block: false)
            ).Problem
        );
        results.Add(
            (await fixture.Get<UpdateProfile>().HandleAsync(busy.Id, new ProfileChanges("Busy Bee", "one"))).Problem
        );
        results.Add((await fixture.Get<SetProfilePicture>().HandleAsync(busy.Id, TestPictures.Png())).Problem);
        results.Should().HaveCount(20).And.OnlyContain(p => p == null);

        var follow = await fixture
            .Get<FollowParticipant>()
            .HandleAsync(new PersonId(busy.Id), new ParticipantId(others[1].Id));
        var rename = await fixture.Get<UpdateProfile>().HandleAsync(busy.Id, new ProfileChanges("Busier Bee", "two"));

        follow
            .Problem.Should()
            .BeOfType<TooOften>()
            .Which.RetryAfter.Should()
            .BeCloseTo(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        follow
            .Problem!.InEnglish()
            .Should()
            .Be("You have done this many times in a short while: try again in 3 seconds.");
        rename.Problem.Should().BeOfType<TooOften>();
        (await fixture.Get<FindProfile>().ByIdAsync(busy.Id))!.DisplayName.Should().Be("Busy Bee");
        var someoneElse = await fixture.NewParticipantAsync();
        (
            await fixture
                .Get<FollowParticipant>()
                .HandleAsync(new PersonId(someoneElse.Id), new ParticipantId(others[1].Id))
        )
            .Succeeded.Should()
            .BeTrue("each person has their own limit");
    }

    [Fact]
    public async Task A_person_creates_at_most_ten_groups_a_day()
    {
        var founder = await fixture.NewParticipantAsync();
        for (var i = 0; i < 10; i++)
        {
            var created = await fixture
                .Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(founder.Id, $"Group {i}", "g" + Guid.NewGuid().ToString("N")[..12], "")
                );
            created.Succeeded.Should().BeTrue(created.Problem?.InEnglish());
        }

        var nickname = "g" + Guid.NewGuid().ToString("N")[..12];
        var eleventh = await fixture
            .Get<CreateGroup>()
            .HandleAsync(new CreateGroupCommand(founder.Id, "One too many", nickname, ""));

        eleventh
            .Problem.Should()
            .BeOfType<TooOften>()
            .Which.InEnglish()
            .Should()
            .Be("You have done this many times in a short while: try again in 3 hours.");
        (await fixture.Get<FindProfile>().ByNicknameAsync(nickname)).Should().BeNull();
    }

    [Fact]
    public async Task Invitations_count_as_changes_even_those_refused()
    {
        var manager = await fixture.NewParticipantAsync();
        var group = (
            await fixture
                .Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(manager.Id, "Inviters", "g" + Guid.NewGuid().ToString("N")[..12], "")
                )
        ).Value!;
        for (var i = 0; i < 20; i++)
        {
            (
                await fixture
                    .Get<InviteToGroup>()
                    .HandleAsync(
                        new InviteToGroupCommand(new PersonId(manager.Id), new GroupId(group.Id), $"nobody_{i}")
                    )
            )
                .Problem.Should()
                .BeOfType<Invalid>();
        }

        var real = await fixture.NewParticipantAsync();
        (
            await fixture
                .Get<InviteToGroup>()
                .HandleAsync(new InviteToGroupCommand(new PersonId(manager.Id), new GroupId(group.Id), real.Nickname))
        )
            .Problem.Should()
            .BeOfType<TooOften>();
    }

    [Fact]
    public async Task A_person_searches_sixty_times_a_minute_and_then_waits_a_second_per_search()
    {
        var searcher = await fixture.NewParticipantAsync();
        var other = await fixture.NewParticipantAsync();
        for (var i = 0; i < 60; i++)
        {
            (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "zz"))
                .Succeeded.Should()
                .BeTrue();
        }

        var sixtyFirst = await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "zz");

        sixtyFirst
            .Problem.Should()
            .BeOfType<TooOften>()
            .Which.RetryAfter.Should()
            .BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "z"))
            .Succeeded.Should()
            .BeTrue("a text too short to search costs nothing");
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(other.Id), "zz")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_link_to_a_new_conversation_with_more_nicknames_than_the_recipient_limit_is_refused_before_any_look_up()
    {
        var sender = await fixture.NewParticipantAsync();
        var nicknames = Enumerable.Range(0, 2_000).Select(i => $"someone_{i}").ToList();

        var draft = await fixture.Get<PrepareConversation>().HandleAsync(Actor.Person(sender.Id), nicknames);

        draft
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Recipients", ProblemCodes.RecipientsTooMany, 9, 1991));
    }
}
