using Conversations.Domain.Email;
using MimeKit;

namespace Conversations.Tests.Domain;

/// <summary>
/// Only what a person wrote is posted: replies as Gmail, Outlook, Apple Mail and Thunderbird write them, in the platform's
/// four languages, with the quoted email, the client's "On … wrote:" line, Outlook's copied headers and signatures.
/// </summary>
public class ReplyTrimmerTests
{
    private const string Address = "reply+abcdefghijklmnopqrstuvwxyz@conversations.test";

    private const string Quoted = """
        > Hello Bob Nguyen,
        >
        > New message from Alice Martin:
        >
        > Alice Martin, 6 Dec, 21:14:
        > Shall we talk about the bike lanes?
        >
        > Read and reply: https://conversations.test/conversations/1
        """;

    private const string Original = """
        Hello Bob Nguyen,

        New message from Alice Martin:

        Alice Martin, 6 Dec, 21:14:
        Shall we talk about the bike lanes?

        Read and reply: https://conversations.test/conversations/1
        """;

    public static TheoryData<string, string, string> Replies() =>
        new()
        {
            // Gmail: the answer on top, "On … wrote:" (folded over two lines when long), the quote.
            {
                "Gmail, English",
                $"Yes, Thursday works for me.\n\nOn Sun, Dec 6, 2026 at 9:14 PM Riverside Participa <\n{Address}> wrote:\n\n{Quoted}\n",
                "Yes, Thursday works for me."
            },
            {
                "Gmail, Spanish",
                $"Sí, el jueves me va bien.\n\nEl dom, 6 dic 2026 a las 21:14, Riverside Participa (<{Address}>)\nescribió:\n\n{Quoted}\n",
                "Sí, el jueves me va bien."
            },
            {
                "Gmail, Catalan",
                $"Sí, dijous em va bé.\n\nEl dg., 6 de des. 2026 a les 21:14, Riverside Participa (<{Address}>)\nva escriure:\n\n{Quoted}\n",
                "Sí, dijous em va bé."
            },
            {
                "Gmail, French",
                $"Oui, jeudi me convient.\n\nLe dim. 6 déc. 2026 à 21:14, Riverside Participa <{Address}> a\nécrit :\n\n{Quoted}\n",
                "Oui, jeudi me convient."
            },
            // Outlook: the answer, a signature, a line of underscores, the headers it copies, the email unquoted.
            {
                "Outlook, English",
                $"Yes, Thursday works for me.\n\nBob\n\nGet Outlook for iOS\n________________________________\nFrom: Riverside Participa <no-reply@conversations.test>\nSent: Sunday, December 6, 2026 9:14 PM\nTo: Bob Nguyen <bob@example.org>\nSubject: New message from Alice Martin · Riverside Participa\n\n{Original}\n",
                "Yes, Thursday works for me.\n\nBob"
            },
            {
                "Outlook, Spanish",
                $"Sí, el jueves me va bien.\n\nObtener Outlook para Android\n\nDe: Riverside Participa <no-reply@conversations.test>\nEnviado: domingo, 6 de diciembre de 2026 21:14\nPara: Bob Nguyen <bob@example.org>\nAsunto: Nuevo mensaje de Alice Martin · Riverside Participa\n\n{Original}\n",
                "Sí, el jueves me va bien."
            },
            {
                "Outlook, Catalan",
                $"Sí, dijous em va bé.\n\nDe: Riverside Participa <no-reply@conversations.test>\nEnviat: diumenge, 6 de desembre de 2026 21:14\nPer a: Bob Nguyen <bob@example.org>\nAssumpte: Missatge nou de Alice Martin · Riverside Participa\n\n{Original}\n",
                "Sí, dijous em va bé."
            },
            {
                "Outlook, French",
                $"Oui, jeudi me convient.\n\n-----Message d'origine-----\nDe : Riverside Participa <no-reply@conversations.test>\nEnvoyé : dimanche 6 décembre 2026 21:14\nÀ : Bob Nguyen <bob@example.org>\nObjet : Nouveau message de Alice Martin · Riverside Participa\n\n{Original}\n",
                "Oui, jeudi me convient."
            },
            // Apple Mail (iPhone): the answer, "Sent from my iPhone", then the "On … wrote:" line inside the quote.
            {
                "Apple Mail, English",
                $"Yes, Thursday works for me.\n\nSent from my iPhone\n\n> On 6 Dec 2026, at 21:14, Riverside Participa <{Address}> wrote:\n>\n{Quoted}\n",
                "Yes, Thursday works for me."
            },
            {
                "Apple Mail, Spanish",
                $"Sí, el jueves me va bien.\n\nEnviado desde mi iPhone\n\n> El 6 dic 2026, a las 21:14, Riverside Participa <{Address}> escribió:\n>\n{Quoted}\n",
                "Sí, el jueves me va bien."
            },
            {
                "Apple Mail, Catalan",
                $"Sí, dijous em va bé.\n\nEnviat des del meu iPhone\n\n> El 6 de des. 2026, a les 21:14, Riverside Participa <{Address}> va escriure:\n>\n{Quoted}\n",
                "Sí, dijous em va bé."
            },
            {
                "Apple Mail, French",
                $"Oui, jeudi me convient.\n\nEnvoyé de mon iPhone\n\n> Le 6 déc. 2026 à 21:14, Riverside Participa <{Address}> a écrit :\n>\n{Quoted}\n",
                "Oui, jeudi me convient."
            },
            // Thunderbird: the answer, a "-- " signature, or the answer below the quote (bottom-posting).
            {
                "Thunderbird, English",
                $"Yes, Thursday works for me.\nI will bring the map.\n\n-- \nBob Nguyen\nCycling club\n\nOn 06/12/2026 21:14, Riverside Participa wrote:\n{Quoted}\n",
                "Yes, Thursday works for me.\nI will bring the map."
            },
            {
                "Thunderbird, Spanish",
                $"El 6/12/26 a las 21:14, Riverside Participa escribió:\n{Quoted}\n\nSí, el jueves me va bien.\n",
                "Sí, el jueves me va bien."
            },
            {
                "Thunderbird, Catalan",
                $"Sí, dijous em va bé.\n\nEl 6/12/26 a les 21:14, Riverside Participa va escriure:\n{Quoted}\n",
                "Sí, dijous em va bé."
            },
            {
                "Thunderbird, French",
                $"Oui, jeudi me convient.\n\nLe 06/12/2026 à 21:14, Riverside Participa a écrit :\n{Quoted}\n\n-- \nBob\n",
                "Oui, jeudi me convient."
            },
        };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Only_what_the_person_wrote_is_kept_from_a_reply(string client, string email, string written) =>
        ReplyTrimmer.Trim(email.Replace("\n", "\r\n", StringComparison.Ordinal)).Should().Be(written, client);

    [Fact]
    public void A_reply_that_only_quotes_leaves_nothing_and_text_of_several_paragraphs_stays_whole()
    {
        ReplyTrimmer
            .Trim($"On Sun, Dec 6, 2026 at 9:14 PM Riverside Participa <{Address}> wrote:\n{Quoted}")
            .Should()
            .BeEmpty();
        ReplyTrimmer.Trim("").Should().BeEmpty();
        ReplyTrimmer
            .Trim("First paragraph.\n\nSecond one, with > inside.\n\nThird.")
            .Should()
            .Be("First paragraph.\n\nSecond one, with > inside.\n\nThird.");
    }

    [Fact]
    public void The_text_of_an_email_is_its_plain_part_with_flowed_lines_joined_or_else_its_html_with_quotes_marked()
    {
        var flowed = new TextPart("plain") { Text = "A long line that the client \r\nfolded.\r\n" };
        flowed.ContentType.Parameters.Add("format", "flowed");
        ReceivedEmail
            .TextOf(new MimeMessage { Body = flowed })
            .Should()
            .StartWith("A long line that the client folded.");

        var html = new TextPart("html")
        {
            Text =
                "<div dir=\"ltr\">Yes, Thursday&nbsp;works.<br></div><div class=\"gmail_quote\"><div>On Sun, Dec 6, 2026 at 9:14 PM Riverside Participa wrote:<br></div><blockquote><p>Shall we talk?</p></blockquote></div>",
        };
        var text = ReceivedEmail.TextOf(new MimeMessage { Body = html });
        text.Should().Contain("> Shall we talk?");
        ReplyTrimmer.Trim(text).Should().Be("Yes, Thursday works.");
        ReceivedEmail
            .TextOf(new MimeMessage { Body = new TextPart("html") { Text = "<p>a &lt;b&gt; &amp;amp; c</p>" } })
            .Trim()
            .Should()
            .Be("a <b> &amp; c", "entities are decoded once");
    }
}
