using Conversations.Domain.Common;
using Conversations.Domain.Moderation;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>Participants tell the platform about others: the rules of a report.</summary>
public class ReportTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_report_is_kept_with_its_reason_and_details_and_shown_to_administrators_grouped_by_the_reported_participant()
    {
        var (bob, carol, mallory, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Mallory Spam"),
            await fixture.NewAdministratorAsync()
        );

        (await fixture.ReportAsync(bob, mallory, ReportReason.Spam, "  Sends the same advert to everyone.  "))
            .Succeeded.Should()
            .BeTrue();
        (await fixture.ReportAsync(carol, mallory, ReportReason.Offensive)).Succeeded.Should().BeTrue();

        var queue = (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id)).Value!;
        var reported = queue.Reported.Should().ContainSingle(r => r.Participant.Id == mallory.Id).Subject;
        reported.Reports.Should().HaveCount(2);
        reported.Reasons.Should().Equal(ReportReason.Spam, ReportReason.Offensive);
        reported
            .Reports.Should()
            .ContainSingle(r => r.Reporter.Id == bob.Id)
            .Which.Details.Should()
            .Be("Sends the same advert to everyone.");
        reported
            .Reports.Should()
            .OnlyContain(r => r.Evidence == null, "no message text reaches moderators unless a reporter shares one");
    }

    [Fact]
    public async Task Nobody_reports_themselves_and_one_open_report_per_reporter_and_reported_participant_is_enough()
    {
        var (bob, mallory) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        (await fixture.ReportAsync(bob, bob))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ReportYourself));
        (await fixture.ReportAsync(bob, mallory)).Succeeded.Should().BeTrue();
        var again = await fixture.ReportAsync(bob, mallory, ReportReason.Spam);

        again
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ReportAlreadyOpen));
        again
            .Problem!.InEnglish()
            .Should()
            .Be("You already reported this participant: the moderators have not decided yet.");
        (await fixture.Get<ReportParticipant>().HasOpenAsync(new PersonId(bob.Id), new ParticipantId(mallory.Id)))
            .Should()
            .BeTrue();
    }

    [Fact]
    public async Task Two_reports_of_the_same_person_at_once_keep_one()
    {
        var (bob, mallory) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.ReportAsync(bob, mallory)));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Problem is Invalid);
    }

    [Fact]
    public async Task Details_follow_the_rules_of_a_message_and_nothing_half_written_is_kept()
    {
        var (bob, mallory, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );

        (await fixture.ReportAsync(bob, mallory, details: new string('x', 1001)))
            .Problem!.InEnglish()
            .Should()
            .Be("The text has at most 1,000 characters.");
        (await fixture.ReportAsync(bob, mallory, details: "broken \uD83D emoji"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Details", ProblemCodes.ReportDetailsNotStorable));
        (
            await fixture
                .Get<ReportParticipant>()
                .HandleAsync(
                    new ReportCommand(new PersonId(bob.Id), new ParticipantId(mallory.Id), (ReportReason)42, "")
                )
        )
            .Problem.Should()
            .BeOfType<Invalid>();
        (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id))
            .Value!.Reported.Should()
            .NotContain(r => r.Participant.Id == mallory.Id);
    }

    [Fact]
    public async Task A_reported_message_goes_with_the_report_only_from_a_conversation_the_reporter_is_in_and_only_if_the_reported_person_wrote_it()
    {
        var (alice, bob, mallory, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var toBob = (await fixture.StartAsync(mallory, "buy cheap watches http://spam.example", bob)).Value!;
        var toAlice = (await fixture.StartAsync(mallory, "a private word for Alice", alice)).Value!;
        var bobsOwn = (await fixture.ReplyAsync(bob, toBob.ConversationId, "no thanks")).Value!;

        (await fixture.ReportAsync(bob, mallory, messageId: toAlice.MessageId))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ReportMessageNotFound), "not his to see");
        (await fixture.ReportAsync(bob, mallory, messageId: bobsOwn.MessageId))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ReportMessageNotFound), "not hers");
        (await fixture.ReportAsync(bob, mallory, ReportReason.Spam, messageId: toBob.MessageId))
            .Succeeded.Should()
            .BeTrue();

        var report = (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id))
            .Value!.Reported.Single(r => r.Participant.Id == mallory.Id)
            .Reports.Single();
        report.Evidence.Should().Be("buy cheap watches http://spam.example");
    }

    [Fact]
    public async Task A_stranger_to_moderation_gets_not_found_for_the_queue_and_every_action()
    {
        var (bob, mallory) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        await fixture.ReportAsync(bob, mallory);
        var blocks = fixture.Get<PlatformBlocks>();

        (await fixture.Get<ModerationQueue>().HandleAsync(bob.Id)).Problem.Should().BeOfType<NotFound>();
        (await blocks.BlockAsync(new PersonId(bob.Id), new ParticipantId(mallory.Id), "I do not like her"))
            .Problem.Should()
            .BeOfType<NotFound>();
        (await blocks.DismissAsync(new PersonId(bob.Id), new ParticipantId(mallory.Id), "never mind"))
            .Problem.Should()
            .BeOfType<NotFound>();
        (await blocks.UnblockAsync(new PersonId(bob.Id), new ParticipantId(mallory.Id), "never mind"))
            .Problem.Should()
            .BeOfType<NotFound>();
        (await fixture.Get<Conversations.Domain.Participants.FindProfile>().ByIdAsync(mallory.Id))!
            .IsBlocked.Should()
            .BeFalse();
    }
}
