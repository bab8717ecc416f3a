using System.Net;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conversations.Tests.Security;

/// <summary>
/// The app on a real port with a conversation between a person, a group and two more people (one blocked by the
/// person, one who deleted their account after signing in), and everyone around it, each with a real session.
/// </summary>
public sealed class PageScenario : IAsyncLifetime
{
    public const string Secret = "a page matrix secret";

    public AppHost App { get; } = new();

    public Dictionary<string, WebSession> Sessions { get; } = [];

    public Guid ConversationId { get; private set; }

    public string GroupNickname { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var (participant, blocked, deleted, manager, member, removed, stranger) = (
            await App.RegisterAsync(),
            await App.RegisterAsync(),
            await App.RegisterAsync(),
            await App.RegisterAsync(),
            await App.RegisterAsync(),
            await App.RegisterAsync(),
            await App.RegisterAsync()
        );
        var group = (
            await App.Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(
                        manager.Id,
                        "Matrix Group",
                        "matrix_" + Guid.NewGuid().ToString("N")[..8],
                        ""
                    )
                )
        ).Value!;
        GroupNickname = group.Nickname;
        foreach (var person in new[] { removed, member })
        {
            await App.Get<InviteToGroup>()
                .HandleAsync(
                    new InviteToGroupCommand(new PersonId(manager.Id), new GroupId(group.Id), person.Nickname)
                );
            await App.Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(person.Id), new GroupId(group.Id), accept: true);
        }

        await App.Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(manager.Id),
                    new GroupId(group.Id),
                    new PersonId(removed.Id),
                    GroupRole.Admin
                )
            );
        ConversationId = (
            await App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(
                        Actor.Person(participant.Id),
                        [blocked.Id, deleted.Id, group.Id],
                        Secret
                    )
                )
        )
            .Value!
            .ConversationId;

        var (administrator, outcast) = (await App.RegisterAsync(), await App.RegisterAsync());
        (await App.Get<Conversations.Domain.Moderation.Administrators>().GrantAsync(administrator.Email!))
            .Should()
            .BeTrue();
        Sessions["anonymous"] = WebSession.Anonymous(App);
        foreach (
            var (role, person) in new[]
            {
                ("participant", participant),
                ("blocked participant", blocked),
                ("deleted account", deleted),
                ("group manager", manager),
                ("group member", member),
                ("removed manager", removed),
                ("stranger", stranger),
                ("administrator", administrator),
                ("blocked on the platform", outcast),
            }
        )
        {
            Sessions[role] = await WebSession.SignedInAsync(App, person.Email!);
        }

        // The participant on another device, logged out there; someone kept a copy of that device's cookie.
        using (var loggedOut = await WebSession.SignedInAsync(App, participant.Email!))
        {
            Sessions["logged out (old cookie)"] = WebSession.Replaying(App, loggedOut.CookieHeader);
            await loggedOut.LogOutAsync();
        }

        await App.Get<RemoveGroupMember>()
            .HandleAsync(
                new RemoveGroupMemberCommand(new PersonId(manager.Id), new GroupId(group.Id), new PersonId(removed.Id))
            );
        await App.Get<BlockParticipant>().HandleAsync(new PersonId(participant.Id), new ParticipantId(blocked.Id));
        (
            await App.Get<Conversations.Domain.Moderation.PlatformBlocks>()
                .BlockAsync(new PersonId(administrator.Id), new ParticipantId(outcast.Id), "spam")
        )
            .Succeeded.Should()
            .BeTrue();
        (
            await App.InScopeAsync<DeleteAccount, bool>(d =>
                d.HandleAsync(new DeleteAccountCommand(deleted.Id, AppUsers.Password, true))
            )
        )
            .Succeeded.Should()
            .BeTrue();
    }

    public async Task DisposeAsync()
    {
        foreach (var session in Sessions.Values)
        {
            session.Dispose();
        }

        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

public class PageAccessTests(PageScenario scenario) : IClassFixture<PageScenario>
{
    public enum Outcome
    {
        Sees,
        NotFound,
        SignIn,
    }

    public static TheoryData<string, string, Outcome> Matrix()
    {
        var data = new TheoryData<string, string, Outcome>();
        var pages = new[] { "conversation", "group inbox", "group conversation", "inbox" };
        var sees = new Dictionary<string, string[]>
        {
            ["participant"] = ["conversation", "inbox"],
            ["blocked participant"] = ["conversation", "inbox"],
            ["group manager"] = ["group inbox", "group conversation"],
        };
        foreach (
            var role in new[]
            {
                "anonymous",
                "logged out (old cookie)",
                "participant",
                "blocked participant",
                "deleted account",
                "group manager",
                "group member",
                "removed manager",
                "stranger",
                "administrator",
                "blocked on the platform",
            }
        )
        {
            foreach (var page in pages)
            {
                // A deleted account's sessions end with it, a blocked one's with the block: its cookie is as good as a logged-out one.
                var outcome =
                    role is "anonymous" or "logged out (old cookie)" or "deleted account" or "blocked on the platform"
                        ? Outcome.SignIn
                    : sees.GetValueOrDefault(role, []).Contains(page) ? Outcome.Sees
                    : page == "inbox" ? Outcome.Sees // their own inbox, without this conversation
                    : Outcome.NotFound;
                data.Add(role, page, outcome);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_page_shows_the_conversation_only_to_those_who_may_see_it(
        string role,
        string page,
        Outcome outcome
    )
    {
        var path = page switch
        {
            "conversation" => $"/conversations/{scenario.ConversationId}",
            "group inbox" => $"/profiles/{scenario.GroupNickname}/conversations",
            "group conversation" => $"/profiles/{scenario.GroupNickname}/conversations/{scenario.ConversationId}",
            _ => "/conversations",
        };

        var response = await scenario.Sessions[role].Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        var mayShowSecret =
            outcome == Outcome.Sees && (page != "inbox" || role is "participant" or "blocked participant");
        html.Contains(PageScenario.Secret, StringComparison.Ordinal).Should().Be(mayShowSecret);
        switch (outcome)
        {
            case Outcome.SignIn:
                response.StatusCode.Should().Be(HttpStatusCode.Redirect);
                response.Headers.Location!.ToString().Should().Contain("Account/Login");
                break;
            case Outcome.NotFound:
                response.StatusCode.Should().Be(HttpStatusCode.NotFound);
                html.Should().Contain("Not found");
                break;
            default:
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                break;
        }
    }

    [Fact]
    public async Task A_guessed_conversation_id_answers_exactly_like_a_real_one_that_is_not_yours()
    {
        var stranger = scenario.Sessions["stranger"].Client;
        var real = await stranger.GetAsync($"/conversations/{scenario.ConversationId}");
        var guessed = await stranger.GetAsync($"/conversations/{Guid.CreateVersion7()}");

        real.StatusCode.Should().Be(HttpStatusCode.NotFound);
        guessed.StatusCode.Should().Be(real.StatusCode);
        Normalize(await guessed.Content.ReadAsStringAsync())
            .Should()
            .Be(Normalize(await real.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_unread_hub_refuses_anonymous_connections()
    {
        var response = await scenario
            .Sessions["anonymous"]
            .Client.PostAsync("/hubs/unread/negotiate?negotiateVersion=1", null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_hub_message_larger_than_the_limit_closes_the_connection_instead_of_being_read()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(scenario.App.BaseUrl), UnreadHub.Path), options =>
                options.Headers["Cookie"] = scenario.Sessions["participant"].CookieHeader
            )
            .Build();
        var closed = new TaskCompletionSource<Exception?>();
        hub.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.SendAsync("AnyMethod", new string('x', 1_000));
        // A round trip after it: the server has read the first message by the time it answers (that the method is unknown).
        await hub.Invoking(h => h.InvokeAsync("AnyMethod", "ping")).Should().ThrowAsync<HubException>();
        hub.State.Should()
            .Be(HubConnectionState.Connected, "a message of normal size is read (and this unknown method ignored)");

        _ = hub.SendAsync("AnyMethod", new string('x', 100_000));

        (await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)))
            .Should()
            .NotBeNull("the server ends a connection that sends more than 32 KB at once");
        hub.State.Should().Be(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task Forged_form_posts_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        var anonymous = scenario.Sessions["anonymous"].Client;
        var participant = scenario.Sessions["participant"].Client;
        var nickname = "forged_" + Guid.NewGuid().ToString("N")[..8];

        var register = await anonymous.PostAsync(
            "/Account/Register",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = "register",
                    ["Input.Email"] = $"{nickname}@example.org",
                    ["Input.Password"] = "Secret!123",
                    ["Input.DisplayName"] = "Forged",
                    ["Input.Nickname"] = nickname,
                }
            )
        );
        var delete = await participant.PostAsync(
            "/Account/Delete",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["_handler"] = "delete-account",
                    ["Input.Password"] = AppUsers.Password,
                    ["Input.Confirmed"] = "true",
                }
            )
        );
        var logout = await participant.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        new[] { register.StatusCode, delete.StatusCode, logout.StatusCode }
            .Should()
            .AllSatisfy(s => s.Should().Be(HttpStatusCode.BadRequest));
        (await scenario.App.Get<FindProfile>().ByNicknameAsync(nickname)).Should().BeNull();
        (await participant.GetAsync($"/conversations/{scenario.ConversationId}"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "still signed in, account intact");
    }

    [Fact]
    public async Task A_request_body_larger_than_the_product_needs_is_refused()
    {
        var fields = await scenario.Sessions["anonymous"].FormFieldsAsync("/Account/Login");
        fields["Input.Email"] = new string('a', 200_000);
        fields["Input.Password"] = "x";

        var response = await scenario
            .Sessions["anonymous"]
            .Client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>What a person sees: the text of the page, without markup, scripts, generated ids and tokens.</summary>
    private static string Normalize(string html)
    {
        var withoutScripts = System.Text.RegularExpressions.Regex.Replace(
            html,
            "<script[\\s\\S]*?</script>|<!--[\\s\\S]*?-->",
            ""
        );
        var text = System.Text.RegularExpressions.Regex.Replace(withoutScripts, "<[^>]*>", " ");
        return System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
    }
}
