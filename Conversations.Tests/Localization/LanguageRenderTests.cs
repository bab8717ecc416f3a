using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Components.Layout;
using Conversations.Web.Components.Messaging;
using Conversations.Web.Components.Pages.Messaging;
using Conversations.Web.Components.Pages.Settings;
using Conversations.Web.Components.Pages.Site;

namespace Conversations.Tests.Localization;

/// <summary>
/// The main components rendered in each language other than English: no English text of the resources is left in what a
/// participant reads or hears (text, labels, titles, placeholders); only names and message texts are not translated.
/// </summary>
public sealed class LanguageRenderTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);
    private readonly (CultureInfo Culture, CultureInfo UiCulture) before = (
        CultureInfo.CurrentCulture,
        CultureInfo.CurrentUICulture
    );

    public static TheoryData<string> Translations() => new(Languages.Supported.Where(l => l != Languages.Source));

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task The_inbox_the_menu_and_the_footer_of_a_signed_in_participant_speak_the_language(string language)
    {
        var (me, ann) = (
            await database.NewParticipantAsync(name: "Zoë Quintana"),
            await database.NewParticipantAsync(name: "Ona Puig")
        );
        await database.StartAsync(ann, "Bon dia, veïna", me);
        await database.StartAsync(me, "Hola Ona", ann);
        context.SignIn(me.Id, me.DisplayName);
        Speak(language);

        var inbox = context.Render<ConversationsInbox>();
        inbox.WaitForAssertion(() => inbox.FindAll(".inbox-row").Should().NotBeEmpty());
        var bar = context.Render<AppBar>();
        bar.WaitForAssertion(() => bar.FindAll(".account-menu").Should().NotBeEmpty());
        var footer = context.Render<SiteFooter>();

        NoSourceTextIn(language, inbox.Nodes, bar.Nodes, footer.Nodes);
        inbox.Find("h1").TextContent.Should().Be(Expected(language, "Conversations"));
        footer.Find("button[lang=ca]").TextContent.Should().Be("Català", "each language is named in its own words");
        footer.Find($"button[lang={language}]").GetAttribute("aria-current").Should().Be("true");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task An_empty_inbox_and_the_home_page_of_a_visitor_speak_the_language(string language)
    {
        var me = await database.NewParticipantAsync(name: "Zoë Quintana");
        Speak(language);

        var home = context.Render<Home>();
        var bar = context.Render<AppBar>();
        context.SignIn(me.Id, me.DisplayName);
        var inbox = context.Render<ConversationsInbox>();
        inbox.WaitForAssertion(() => inbox.FindAll(".empty-state").Should().NotBeEmpty());

        NoSourceTextIn(language, home.Nodes, bar.Nodes, inbox.Nodes);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_conversation_s_thread_and_reply_box_speak_the_language_with_the_culture_s_dates(string language)
    {
        var now = DateTimeOffset.UtcNow;
        var (me, them) = (
            new Profile(Guid.NewGuid(), "Zoë Quintana", "zoe_q", "", 0, now),
            new Profile(Guid.NewGuid(), "Ona Puig", "ona_p", "", 0, now)
        );
        var old = new DateTimeOffset(now.Year - 1, 3, 12, 10, 0, 0, TimeSpan.Zero);
        Speak(language);

        var thread = context.Render<MessageThread>(p =>
            p.Add(
                    t => t.Messages,
                    [
                        new MessageView(1, 1, them.Id, "Bon dia", old),
                        new MessageView(2, 2, me.Id, "Hola", now.AddMinutes(-5)),
                    ]
                )
                .Add(t => t.Participants, [me, them])
                .Add(t => t.ReaderId, me.Id)
                .Add(t => t.Now, now)
        );
        var box = context.Render<ReplyBox>(p =>
            p.Add(r => r.Send, (_, _) => Task.FromResult<Conversations.Domain.Common.Problem?>(null))
        );

        NoSourceTextIn(language, thread.Nodes, box.Nodes);
        var times = thread.FindAll("time");
        times[0]
            .TextContent.Should()
            .Be(old.ToString("d", CultureInfo.GetCultureInfo(language)), "an older date is written the culture's way");
        times[1].TextContent.Should().NotBeNullOrWhiteSpace().And.NotContain("ago");
        thread.Find(".mine .message-sender").TextContent.Should().Be(Expected(language, "You"));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public async Task The_settings_page_speaks_the_language(string language)
    {
        var me = await database.NewParticipantAsync(name: "Zoë Quintana");
        context.SignIn(me.Id, me.DisplayName);
        Speak(language);

        var settings = context.Render<SettingsPage>();
        settings.WaitForAssertion(() => settings.FindAll(".time-zone-choice").Should().NotBeEmpty());

        NoSourceTextIn(language, settings.Nodes);
        settings.Find("h1").TextContent.Should().Be(Expected(language, "Settings"));
    }

    [Fact]
    public void Plural_forms_follow_each_language_s_rule()
    {
        string Pill(string language, int count)
        {
            Speak(language);
            return Conversations.Web.Localization.SharedWords.UnreadLabel(count);
        }

        Pill("en", 1).Should().Be("1 unread message");
        Pill("en", 3).Should().Be("3 unread messages");
        Pill("es", 1).Should().Be("1 mensaje sin leer");
        Pill("ca", 2).Should().Be("2 missatges sense llegir");
        Pill("fr", 0).Should().Be("0 message non lu", "in French zero takes the singular");
        Pill("fr", 1500).Should().Be("1\u202F500 messages non lus", "numbers are written the culture's way");
    }

    private static void Speak(string language) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

    private static string Expected(string language, string english) =>
        Resources
            .Sources.Select(source => (source, words: Resources.Read(source)))
            .Where(r => r.words.ContainsKey(english))
            .Select(r => Resources.Read(Resources.Translation(r.source, language))[english])
            .First();

    /// <summary>
    /// Every English text of the Web's resources that its translation changes (at least four characters; of a text with
    /// placeholders, the parts between them of at least ten, so that "pages" in French is not taken for English) is absent
    /// from what is shown: the text of the nodes and the labels, titles, placeholders and alt texts.
    /// </summary>
    private static void NoSourceTextIn(string language, params INodeList[] rendered)
    {
        var shown = string.Join("\n", rendered.SelectMany(nodes => nodes).Select(Shown));
        var source = Resources
            .Sources.Where(s => s.Contains("Conversations.Web", StringComparison.Ordinal))
            .SelectMany(s =>
                Resources
                    .Read(s)
                    .Join(
                        Resources.Read(Resources.Translation(s, language)),
                        e => e.Key,
                        t => t.Key,
                        (e, t) => (English: e.Value, Translated: t.Value)
                    )
            )
            .Where(p => p.English != p.Translated)
            .SelectMany(p =>
                Resources.Placeholders(p.English).Any()
                    ? System
                        .Text.RegularExpressions.Regex.Split(p.English, @"\{\d+(?::[^}]*)?\}")
                        .Select(part => part.Trim(' ', ',', '.', ':', '·', '@'))
                        .Where(part => part.Length >= 10)
                    : [p.English.Trim(' ', '.', '…')]
            )
            .Where(part => part.Length >= 4)
            .Distinct()
            .ToList();

        shown.Should().NotBeNullOrWhiteSpace();
        source
            .Where(english => shown.Contains(english, StringComparison.Ordinal))
            .Should()
            .BeEmpty($"everything shown in {language} is in {language}");
    }

    private static string Shown(INode node) =>
        node switch
        {
            IElement element => string.Join(
                "\n",
                new[] { "aria-label", "title", "placeholder", "alt", "label" }
                    .Select(element.GetAttribute)
                    .OfType<string>()
                    .Concat(element.ChildNodes.Select(Shown))
            ),
            IText text => text.Data,
            _ => string.Join("\n", node.ChildNodes.Select(Shown)),
        };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        await context.DisposeAsync();
    }
}
