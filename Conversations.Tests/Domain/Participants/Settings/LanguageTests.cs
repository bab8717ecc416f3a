using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using MimeKit;

namespace Conversations.Tests.Domain;

/// <summary>A person's language: one the platform speaks, kept on the account, and the language of their emails.</summary>
public class LanguageTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [Theory]
    [InlineData("ca", "ca")]
    [InlineData("es-MX", "es")]
    [InlineData("FR", "fr")]
    public async Task A_supported_language_is_kept_on_the_account_without_its_region(string asked, string kept)
    {
        var person = await fixture.NewParticipantAsync();

        var set = await fixture.Get<ParticipantLanguage>().SetAsync(person.Id, asked);

        set.Value.Should().Be(kept);
        (await fixture.Get<ParticipantLanguage>().GetAsync(person.Id)).Should().Be(kept);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("klingon")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_language_the_platform_does_not_speak_is_refused_and_changes_nothing(string? asked)
    {
        var person = await fixture.NewParticipantAsync();
        await fixture.Get<ParticipantLanguage>().SetAsync(person.Id, "es");

        var set = await fixture.Get<ParticipantLanguage>().SetAsync(person.Id, asked);

        set.Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Language", ProblemCodes.LanguageUnknown));
        (await fixture.Get<ParticipantLanguage>().GetAsync(person.Id)).Should().Be("es");
    }

    [Fact]
    public async Task New_message_emails_are_written_in_each_recipient_s_language_with_its_plural_and_date_forms()
    {
        var (sender, catalan, french) = (
            await fixture.NewParticipantAsync(name: "Pau Serra"),
            await fixture.NewParticipantAsync(name: "Laia Ferrer"),
            await fixture.NewParticipantAsync(name: "Léa Martin")
        );
        await fixture.Get<ParticipantLanguage>().SetAsync(catalan.Id, "ca");
        await fixture.Get<ParticipantLanguage>().SetAsync(french.Id, "fr");
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(sender, "Bon dia", catalan, french)).Value!.ConversationId;
        await fixture.ReplyAsync(sender, id, "Fins dijous");

        var mail = await MailAfterAsync(TimeSpan.FromMinutes(6), catalan, french);

        mail[catalan].Subject.Should().Be("2 missatges nous de Pau Serra · Riverside Participa");
        mail[catalan]
            .TextBody.Should()
            .StartWith("Hola, Laia Ferrer:")
            .And.Contain("Llegir i respondre")
            .And.Contain("Deixar de rebre aquests correus");
        mail[catalan]
            .TextBody.Should()
            .MatchRegex(@"Pau Serra, \d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} \(UTC\):", "dates are day first in Catalan");
        mail[french].Subject.Should().Be("2 nouveaux messages de Pau Serra · Riverside Participa");
        mail[french].TextBody.Should().StartWith("Bonjour Léa Martin,").And.Contain("Lire et répondre");
    }

    [Fact]
    public void A_link_email_is_written_in_the_person_s_language()
    {
        var (subject, text, html) = PasswordResetEmail.Compose(
            "Laia",
            "https://x.test/reset",
            "Ribera Participa",
            Languages.Culture("ca")
        );

        subject.Should().Be("Restableix la teva contrasenya de Ribera Participa");
        text.Should().StartWith("Hola, Laia:").And.Contain("https://x.test/reset");
        html.Should().Contain(">Triar una contrasenya nova</a>");
    }

    [Fact]
    public void Plural_rules_make_zero_singular_in_French_only()
    {
        Plurals.IsOne(Languages.Culture("fr"), 0).Should().BeTrue();
        Plurals.IsOne(Languages.Culture("fr"), 1).Should().BeTrue();
        Plurals.IsOne(Languages.Culture("fr"), 2).Should().BeFalse();
        Plurals.IsOne(Languages.Culture("ca"), 0).Should().BeFalse();
        Plurals.IsOne(Languages.Culture("es"), 1).Should().BeTrue();
        Plurals.IsOne(Languages.Culture("en"), 0).Should().BeFalse();
    }

    private async Task<Dictionary<Participant, MimeMessage>> MailAfterAsync(TimeSpan ahead, params Participant[] to)
    {
        await fixture.MailAfterAsync(ahead);
        return to.ToDictionary(p => p, p => fixture.Smtp.To(p.Email).Single());
    }
}
