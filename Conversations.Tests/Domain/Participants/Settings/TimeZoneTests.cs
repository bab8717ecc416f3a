using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class TimeZoneTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_person_s_time_zone_is_an_iana_zone_and_anything_else_is_refused_and_changes_nothing()
    {
        var person = await fixture.NewParticipantAsync();
        var zones = fixture.Get<ParticipantTimeZone>();

        (await zones.GetAsync(person.Id)).Should().BeNull("until the browser or Settings says, times are in UTC");
        (await zones.SetAsync(person.Id, "Pacific/Auckland")).Value.Should().Be("Pacific/Auckland");
        foreach (
            var wrong in new[]
            {
                "Mars/Olympus_Mons",
                "W. Europe Standard Time",
                "",
                null,
                new string('a', 30) + "/" + new string('b', 40),
            }
        )
        {
            (await zones.SetAsync(person.Id, wrong))
                .Problem.Should()
                .BeOfType<Invalid>()
                .Which.Errors.Should()
                .Equal(new FieldError("TimeZone", ProblemCodes.TimeZoneUnknown));
        }

        (await zones.GetAsync(person.Id)).Should().Be("Pacific/Auckland");
        TimeZones
            .All.Should()
            .Contain(["Europe/Madrid", "America/Sao_Paulo", "Pacific/Auckland", "UTC"])
            .And.OnlyContain(id => id == "UTC" || id.Contains('/'));
    }

    [Fact]
    public void A_new_messages_email_writes_each_message_s_time_in_the_recipient_s_zone()
    {
        var sentAt = new DateTimeOffset(2026, 11, 28, 14, 5, 0, TimeSpan.Zero); // 03:05 the next day in Auckland (UTC+13 in summer)
        var auckland = TimeZones.OrUtc("Pacific/Auckland");

        var (_, text, html) = NewMessagesEmail.Compose(
            "Ana",
            null,
            1,
            ["Bo"],
            [new UnreadLine("Bo", sentAt, "Kia ora")],
            "https://x.test/c",
            "https://x.test/u",
            auckland,
            CultureInfo.GetCultureInfo("en"),
            "Riverside Participa"
        );
        var (_, utcText, _) = NewMessagesEmail.Compose(
            "Ana",
            null,
            1,
            ["Bo"],
            [new UnreadLine("Bo", sentAt, "Kia ora")],
            "https://x.test/c",
            "https://x.test/u",
            TimeZones.OrUtc(null),
            CultureInfo.GetCultureInfo("en"),
            "Riverside Participa"
        );

        text.Should().Contain("Bo, 11/29/2026 3:05\u202FAM (Pacific/Auckland):");
        html.Should().Contain("11/29/2026 3:05\u202FAM (Pacific/Auckland)");
        utcText.Should().Contain("Bo, 11/28/2026 2:05\u202FPM (UTC):");
    }
}
