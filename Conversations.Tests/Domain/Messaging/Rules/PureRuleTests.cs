using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;

namespace Conversations.Tests.Domain.Messaging.Rules;

/// <summary>
/// The rules that need no database, each asked directly (the database tests beside them check the SQL spellings and
/// the use cases that call them): why one cannot reply, what counts as unread, what a message may be, who may be picked.
/// </summary>
public class PureRuleTests
{
    private static OtherParticipant Other(
        string name,
        bool deleted = false,
        bool refuses = false,
        bool blocked = false,
        MessageRequest request = MessageRequest.None
    ) => new(name, deleted, refuses, blocked, request);

    [Fact]
    public void Someone_may_reply_when_another_live_participant_accepts_them()
    {
        Consent.WhyCannotReply([Other("Bob")]).Should().BeNull();
        Consent.WhyCannotReply([Other("Bob"), Other("Carol", deleted: true)]).Should().BeNull();
    }

    [Fact]
    public void A_conversation_whose_others_are_all_deleted_is_read_only()
    {
        Consent
            .WhyCannotReply([Other("Bob", deleted: true), Other("Carol", deleted: true, refuses: true)])!
            .Code.Should()
            .Be(ProblemCodes.ReadOnly);
    }

    [Fact]
    public void A_participant_blocked_on_the_platform_makes_the_conversation_read_only_and_is_named()
    {
        var why = Consent.WhyCannotReply([
            Other("Zoe", blocked: true),
            Other("Bob", refuses: true),
            Other("Ann", blocked: true),
        ])!;

        why.Code.Should().Be(ProblemCodes.PlatformBlocked);
        why.Args.Should().Equal("Ann, Zoe");
    }

    [Fact]
    public void Those_who_refuse_the_writer_are_named_one_or_several()
    {
        Consent
            .WhyCannotReply([Other("Bob", refuses: true), Other("Carol")])!
            .Should()
            .Be(new NotAllowed(ProblemCodes.NotAccepting, "Bob"));
        Consent
            .WhyCannotReply([Other("Dan", refuses: true), Other("Bob", refuses: true)])!
            .Should()
            .Be(new NotAllowed(ProblemCodes.NotAcceptingMany, "Bob, Dan"));
    }

    [Fact]
    public void A_request_to_the_writer_is_answered_before_anything_is_written_and_a_request_they_sent_waits()
    {
        Consent.WhyCannotReply([Other("Bob")], MessageRequest.Waiting)!.Code.Should().Be(ProblemCodes.RequestToAnswer);
        Consent
            .WhyCannotReply([Other("Bob", request: MessageRequest.Waiting)])!
            .Should()
            .Be(new NotAllowed(ProblemCodes.RequestWaiting, "Bob"));
        // Declined by everyone: said as any refusal is, never "declined".
        Consent
            .WhyCannotReply([Other("Bob", request: MessageRequest.Declined)])!
            .Should()
            .Be(new NotAllowed(ProblemCodes.NotAccepting, "Bob"));
        // One who took it in is enough.
        Consent.WhyCannotReply([Other("Bob", request: MessageRequest.Declined), Other("Carol")]).Should().BeNull();
    }

    [Theory]
    [InlineData(10, 7, MessageRequest.None, 3)]
    [InlineData(10, 10, MessageRequest.None, 0)]
    [InlineData(10, 0, MessageRequest.Waiting, 0)]
    [InlineData(10, 0, MessageRequest.Declined, 0)]
    public void Unread_is_what_lies_after_the_read_position_in_a_conversation_that_counts(
        long lastSeq,
        long lastReadSeq,
        MessageRequest request,
        long unread
    )
    {
        Unread.Count(lastSeq, lastReadSeq, request).Should().Be(unread);
    }

    [Theory]
    [InlineData(0, "en", "0")]
    [InlineData(99, "en", "99")]
    [InlineData(100, "en", "99+")]
    [InlineData(1234, "fr", "99+")]
    public void The_badge_shows_up_to_99_and_then_99_plus(long count, string language, string shown)
    {
        UnreadShown.Of(count, CultureInfo.GetCultureInfo(language)).Should().Be(shown);
    }

    [Fact]
    public void A_message_is_plain_text_not_blank_and_at_most_the_limit_once_carriage_returns_are_gone()
    {
        MessageBody.Parse("Hello\r\nthere", 20).Value.Should().Be("Hello\nthere");
        MessageBody
            .Parse(new string('a', 10) + "\r\n", 11)
            .Succeeded.Should()
            .BeTrue("the carriage return is not counted");
        FirstCode(MessageBody.Parse(" \n\t ", 20)).Should().Be(ProblemCodes.MessageEmpty);
        FirstCode(MessageBody.Parse(null, 20)).Should().Be(ProblemCodes.MessageEmpty);
        FirstCode(MessageBody.Parse("a\0b", 20)).Should().Be(ProblemCodes.MessageNotStorable);
        FirstCode(MessageBody.Parse("\uD800 alone", 20)).Should().Be(ProblemCodes.MessageNotStorable);

        var tooLong = (Invalid)MessageBody.Parse(new string('a', 25), 20).Problem!;
        tooLong.Errors[0].Code.Should().Be(ProblemCodes.MessageTooLong);
        tooLong.Errors[0].Args.Should().Equal(20, 25, 5);
    }

    [Fact]
    public void Recipients_are_at_least_one_never_the_sender_nobody_twice_and_at_most_the_limit()
    {
        var (me, a, b) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        RecipientPicks.Check([a, b], me, 9).Should().BeNull();
        RecipientPicks.Check([], me, 9)!.Errors[0].Code.Should().Be(ProblemCodes.RecipientsNone);
        RecipientPicks.Check([a, me], me, 9)!.Errors[0].Code.Should().Be(ProblemCodes.RecipientsSelf);
        RecipientPicks.Check([a, a], me, 9)!.Errors[0].Code.Should().Be(ProblemCodes.RecipientsTwice);
        RecipientPicks.Check([a, b], me, 1)!.Errors[0].Args.Should().Equal(1, 1);
    }

    [Fact]
    public void The_setting_of_who_may_write_is_read_from_its_two_columns()
    {
        MessageRequests.Setting(acceptsFromAnyone: true, strangersAsRequests: false).Should().Be(WhoMayWrite.Anyone);
        MessageRequests
            .Setting(acceptsFromAnyone: true, strangersAsRequests: true)
            .Should()
            .Be(WhoMayWrite.StrangersAsRequests);
        MessageRequests
            .Setting(acceptsFromAnyone: false, strangersAsRequests: true)
            .Should()
            .Be(WhoMayWrite.OnlyPeopleIFollow);
        MessageRequests
            .Setting(acceptsFromAnyone: false, strangersAsRequests: false)
            .Should()
            .Be(WhoMayWrite.OnlyPeopleIFollow);
    }

    private static string FirstCode<T>(Result<T> result) => ((Invalid)result.Problem!).Errors[0].Code;
}
