using System.Text.RegularExpressions;
using System.Web;
using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Conversations.Tests.Domain;

/// <summary>
/// An address is confirmed by the link mailed to it: at registration (until then the newcomer reads but does not write),
/// and when it changes in Settings (until then the old one stays). Links by email are rate-limited per account.
/// </summary>
public partial class AddressConfirmationTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private async Task<Participant> RegisterAsync()
    {
        var nickname = "n" + Guid.NewGuid().ToString("N")[..12];
        var result = await fixture.RegisterAsync(nickname, name: "Nina Newcomer");
        return result.Value ?? throw new InvalidOperationException(result.Problem!.InEnglish());
    }

    private async Task<List<MimeMessage>> MailToAsync(string address, string subject)
    {
        await fixture.Get<OutboxSender>().SendDueAsync();
        return fixture.Smtp.To(address).Where(m => m.Subject == subject).ToList();
    }

    private static Uri LinkIn(MimeMessage mail) => new(Link().Match(mail.TextBody!).Value);

    private async Task<Result<TResult>> InScopeAsync<TUseCase, TResult>(Func<TUseCase, Task<Result<TResult>>> use)
        where TUseCase : notnull => await fixture.InScopeAsync(use);

    private Task<Result<string>> FollowConfirmationAsync(Uri link)
    {
        var query = HttpUtility.ParseQueryString(link.Query);
        return InScopeAsync<ConfirmAddress, string>(c => c.HandleAsync(query["user"], query["code"]));
    }

    [Fact]
    public async Task A_newcomer_reads_but_cannot_start_or_reply_until_they_follow_the_link_mailed_at_registration()
    {
        var nina = await RegisterAsync();
        var alice = await fixture.NewParticipantAsync(name: "Alice Martin");
        nina.EmailConfirmed.Should().BeFalse();
        var mail = (await MailToAsync(nina.Email!, "Confirm your email address for Riverside Participa"))
            .Should()
            .ContainSingle()
            .Subject;
        var link = LinkIn(mail);
        link.GetLeftPart(UriPartial.Path).Should().Be("https://conversations.test/Account/ConfirmAddress");

        var fromAlice = (await fixture.StartAsync(alice, "welcome, Nina", nina)).Value!.ConversationId;
        // A newcomer takes strangers as requests: alice's welcome is one, and accepting it is not writing.
        (
            await fixture
                .Get<AnswerRequest>()
                .HandleAsync(Actor.Person(nina.Id), new ConversationId(fromAlice), RequestAnswer.Accept)
        )
            .Value.Should()
            .BeTrue();
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(nina.Id), new ConversationId(fromAlice)))
            .Value!.Messages.Should()
            .ContainSingle("an unconfirmed newcomer reads");
        (await fixture.ReplyAsync(nina, fromAlice, "thanks!"))
            .Problem.Should()
            .BeOfType<AddressNotConfirmed>()
            .Which.InEnglish()
            .Should()
            .Contain("Confirm your email address");
        var started = await fixture.StartAsync(nina, "hello", await fixture.NewParticipantAsync());
        started.Problem.Should().BeOfType<AddressNotConfirmed>();
        await using (var db = await fixture.DbAsync())
        {
            (await db.Messages.CountAsync(m => m.SenderId == nina.Id)).Should().Be(0, "nothing half-written is kept");
            (await db.ConversationMembers.CountAsync(m => m.ParticipantId == nina.Id))
                .Should()
                .Be(1, "only alice's conversation");
        }

        (await FollowConfirmationAsync(link)).Value.Should().Be(nina.Email);

        (await fixture.ReplyAsync(nina, fromAlice, "thanks!")).Succeeded.Should().BeTrue();
        (await fixture.StartAsync(nina, "hello", await fixture.NewParticipantAsync())).Succeeded.Should().BeTrue();
        (await fixture.Get<GetAddressStatus>().HandleAsync(nina.Id))
            .Should()
            .Be(new AddressStatus(nina.Email!, Confirmed: true));
    }

    [Fact]
    public async Task Registering_with_an_address_that_has_an_account_creates_nothing_and_tells_only_that_address()
    {
        var owner = await RegisterAsync();
        var nickname = "n" + Guid.NewGuid().ToString("N")[..12];

        var again = await fixture.RegisterAsync(nickname, email: owner.Email!.ToUpperInvariant());
        var weak = await fixture.RegisterAsync("w" + nickname[1..], email: owner.Email, password: "weak");

        again
            .Problem.Should()
            .BeOfType<AddressAlreadyUsed>("the page answers it as it answers a new account waiting for confirmation");
        weak.Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Contain(e => e.Field == "Password", "a weak password is refused first, as for any address");
        (await fixture.CountParticipantsAsync(nickname)).Should().Be(0);
        (await MailToAsync(owner.Email!, "Your address is already used on Riverside Participa"))
            .Should()
            .ContainSingle()
            .Which.TextBody.Should()
            .Contain("https://conversations.test/Account/ForgotPassword");
    }

    [Fact]
    public async Task An_altered_or_foreign_confirmation_link_is_refused_in_plain_words_and_confirms_nothing()
    {
        var nina = await RegisterAsync();
        var other = await RegisterAsync();
        var link = LinkIn(
            (await MailToAsync(nina.Email!, "Confirm your email address for Riverside Participa")).Single()
        );
        var query = HttpUtility.ParseQueryString(link.Query);

        var altered = await InScopeAsync<ConfirmAddress, string>(c =>
            c.HandleAsync(query["user"], query["code"]![..^4] + "AAAA")
        );
        var foreign = await InScopeAsync<ConfirmAddress, string>(c =>
            c.HandleAsync(other.Id.ToString(), query["code"])
        );
        var garbage = await InScopeAsync<ConfirmAddress, string>(c => c.HandleAsync("not-an-id", "%%%"));

        foreach (var refused in new[] { altered, foreign, garbage })
        {
            refused
                .Problem.Should()
                .BeOfType<Invalid>()
                .Which.Errors.Should()
                .Equal(new FieldError("", ProblemCodes.ConfirmLinkNotValid));
            refused.Problem!.InEnglish().Should().StartWith("This link is not valid (any more): it lasts three days.");
        }

        (await fixture.Get<GetAddressStatus>().HandleAsync(nina.Id))!.Confirmed.Should().BeFalse();
        (await fixture.Get<GetAddressStatus>().HandleAsync(other.Id))!.Confirmed.Should().BeFalse();
    }

    [Fact]
    public async Task The_link_can_be_sent_again_a_few_times_an_hour_and_a_refusal_says_when_to_ask_again()
    {
        var nina = await RegisterAsync();
        var answers = new List<Result<string>>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await InScopeAsync<SendAddressConfirmation, string>(s => s.HandleAsync(nina.Id)));
        }

        answers
            .Take(2)
            .Should()
            .AllSatisfy(a => a.Value.Should().Be(nina.Email), "three links an hour, the registration's among them");
        var tooMany = answers.Skip(2).Select(a => a.Problem).Should().AllBeOfType<TooManyLinks>().Subject.First();
        tooMany
            .RetryAfter.Should()
            .BeGreaterThan(TimeSpan.FromMinutes(15))
            .And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(20));
        tooMany.InEnglish().Should().Contain("minutes");
        var links = (await MailToAsync(nina.Email!, "Confirm your email address for Riverside Participa"))
            .Should()
            .HaveCount(3)
            .And.Subject.Select(LinkIn)
            .ToList();

        (await FollowConfirmationAsync(links[0])).Succeeded.Should().BeTrue("any link still valid confirms");
        (await InScopeAsync<SendAddressConfirmation, string>(s => s.HandleAsync(nina.Id)))
            .Problem.Should()
            .BeOfType<NotAllowed>()
            .Which.InEnglish()
            .Should()
            .Contain("already confirmed");
    }

    [Fact]
    public async Task Password_reset_links_are_limited_per_account_while_the_form_answers_the_same()
    {
        var person = await fixture.NewParticipantAsync();
        for (var i = 0; i < 6; i++)
        {
            await fixture.InScopeAsync<RequestPasswordReset, bool>(async r =>
            {
                await r.HandleAsync(person.Email!);
                return true;
            });
        }

        (await MailToAsync(person.Email!, "Reset your Riverside Participa password"))
            .Should()
            .HaveCount(3, "three links an hour, however often the form is sent");
    }

    [Fact]
    public async Task A_new_address_takes_effect_only_once_the_link_sent_to_it_is_followed_and_the_link_works_once()
    {
        var person = await fixture.NewParticipantAsync(name: "Mo Mover");
        var old = person.Email!;
        var fresh = $"moved-{Guid.NewGuid():N}@example.org";

        var asked = await InScopeAsync<RequestAddressChange, AddressChangeRequested>(r =>
            r.HandleAsync(person.Id, fresh, Registering.Password)
        );
        asked.Value.Should().Be(new AddressChangeRequested(fresh, ChangedNow: false));
        (await fixture.Get<GetAddressStatus>().HandleAsync(person.Id))!
            .Email.Should()
            .Be(old, "the address changes only once the new one is confirmed");
        var link = LinkIn(
            (await MailToAsync(fresh, "Confirm your new email address for Riverside Participa"))
                .Should()
                .ContainSingle()
                .Subject
        );
        var query = HttpUtility.ParseQueryString(link.Query);

        var changed = await InScopeAsync<ConfirmAddressChange, Participant>(c =>
            c.HandleAsync(query["user"], query["email"], query["code"])
        );

        changed.Succeeded.Should().BeTrue();
        (await fixture.Get<GetAddressStatus>().HandleAsync(person.Id))
            .Should()
            .Be(new AddressStatus(fresh, Confirmed: true));
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Participant>>();
            (await users.FindByEmailAsync(old)).Should().BeNull();
            var moved = (await users.FindByNameAsync(fresh))!;
            moved.Id.Should().Be(person.Id, "the new address is also the name to sign in with");
            (await users.CheckPasswordAsync(moved, Registering.Password)).Should().BeTrue();
        }

        (
            await InScopeAsync<ConfirmAddressChange, Participant>(c =>
                c.HandleAsync(query["user"], query["email"], query["code"])
            )
        )
            .Problem!.InEnglish()
            .Should()
            .Be(
                "This link is not valid (any more): it lasts three days and works once. Ask for a new one in Settings.",
                "the link works once"
            );
    }

    [Fact]
    public async Task Asking_for_an_address_another_account_uses_answers_the_same_and_only_tells_that_address()
    {
        var (person, owner) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var asked = await InScopeAsync<RequestAddressChange, AddressChangeRequested>(r =>
            r.HandleAsync(person.Id, owner.Email!.ToUpperInvariant(), Registering.Password)
        );

        asked
            .Value.Should()
            .Be(
                new AddressChangeRequested(owner.Email!.ToUpperInvariant(), ChangedNow: false),
                "the same answer as for a free address"
            );
        var told = (
            await MailToAsync(owner.Email!.ToUpperInvariant(), "Your address is already used on Riverside Participa")
        ).Concat(await MailToAsync(owner.Email!, "Your address is already used on Riverside Participa"));
        told.Should()
            .ContainSingle()
            .Which.TextBody.Should()
            .Contain("https://conversations.test/Account/ForgotPassword")
            .And.NotContain("ConfirmAddressChange");
        (await fixture.Get<GetAddressStatus>().HandleAsync(person.Id))!.Email.Should().Be(person.Email);
    }

    [Fact]
    public async Task A_new_address_needs_the_current_password_and_a_valid_different_address_and_nothing_is_mailed_otherwise()
    {
        var person = await fixture.NewParticipantAsync();
        var fresh = $"moved-{Guid.NewGuid():N}@example.org";

        (
            await InScopeAsync<RequestAddressChange, AddressChangeRequested>(r =>
                r.HandleAsync(person.Id, fresh, "not my password")
            )
        )
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle(e => e.Field == "Password");
        (
            await InScopeAsync<RequestAddressChange, AddressChangeRequested>(r =>
                r.HandleAsync(person.Id, "not an address", Registering.Password)
            )
        )
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle(e => e.Field == "NewEmail");
        (
            await InScopeAsync<RequestAddressChange, AddressChangeRequested>(r =>
                r.HandleAsync(person.Id, person.Email, Registering.Password)
            )
        )
            .Problem!.InEnglish()
            .Should()
            .Be("This is already your address.");
        (await MailToAsync(fresh, "Confirm your new email address for Riverside Participa")).Should().BeEmpty();
    }

    [GeneratedRegex(@"https://conversations\.test/\S+")]
    private static partial Regex Link();
}
