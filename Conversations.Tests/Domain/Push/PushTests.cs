using System.Net;
using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Conversations.Domain.Push;
using Conversations.Domain.Relationships;
using Conversations.Tests.Domain.Moderation;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class PushTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private async Task<PushDevice> SubscribedAsync(Participant person)
    {
        var device = fixture.Receiver.NewDevice();
        var session = await fixture.Get<SignInSessions>().StartAsync(person.Id);
        (
            await fixture
                .Get<PushSubscriptions>()
                .SubscribeAsync(
                    new PersonId(person.Id),
                    new SessionId(session),
                    new DeviceSubscription(device.Endpoint, device.P256dh, device.Auth)
                )
        )
            .Succeeded.Should()
            .BeTrue();
        return device;
    }

    /// <summary>Every turn due at the test clock's time (now + <paramref name="ahead"/>); then what reached this device.</summary>
    private async Task<List<ReceivedPush>> PushedAfterAsync(TimeSpan ahead, PushDevice device)
    {
        fixture.Clock.Ahead = ahead;
        while (await fixture.Get<PushSender>().SendDueAsync() > 0)
        {
            // every due row of this database
        }

        return fixture.Receiver.Received.Where(p => p.Path == new Uri(device.Endpoint).AbsolutePath).ToList();
    }

    private static JsonElement Payload(PushDevice device, ReceivedPush push) =>
        JsonDocument.Parse(device.Decrypt(push.Body)).RootElement;

    [Fact]
    public async Task A_message_is_pushed_once_after_the_delay_signed_encrypted_in_the_readers_language_and_without_its_text()
    {
        var (alice, bob) = (
            await fixture.NewParticipantAsync(name: "Alice Martin"),
            await fixture.NewParticipantAsync(name: "Bob Nguyen")
        );
        await fixture.Get<ParticipantLanguage>().SetAsync(bob.Id, "es");
        var phone = await SubscribedAsync(bob);
        fixture.Clock.Ahead = TimeSpan.Zero;

        var id = (await fixture.StartAsync(alice, "the private words of the message", bob)).Value!.ConversationId;

        (await PushedAfterAsync(TimeSpan.Zero, phone))
            .Should()
            .BeEmpty("a push waits a moment: the person may be reading");
        var push = (await PushedAfterAsync(PushFixture.Delay + TimeSpan.FromSeconds(1), phone))
            .Should()
            .ContainSingle()
            .Subject;
        (await PushedAfterAsync(PushFixture.Delay * 3, phone)).Should().ContainSingle("exactly one");

        // The audience is the push service's origin; Lib.Net.Http.WebPush writes it without a port, which no real push service
        // has (they are all on 443), so this receiver on a loopback port is named by scheme and host.
        var vapidKey = push.VerifiedVapidKey("http://127.0.0.1");
        vapidKey.Should().Be((await fixture.Get<VapidKeys>().GetAsync()).PublicKey);
        push.ContentEncoding.Should().Be("aes128gcm");
        var payload = Payload(phone, push);
        payload.GetProperty("title").GetString().Should().Be("Nuevo mensaje de Alice Martin", "in bob's language");
        payload.GetProperty("body").GetString().Should().BeEmpty("lock screens are public: no text unless asked for");
        payload.GetProperty("tag").GetString().Should().Be(PushSender.TagOf(id));
        payload.GetProperty("url").GetString().Should().Be($"/conversations/{id}");
        System
            .Text.Encoding.UTF8.GetString(push.Body)
            .Should()
            .NotContain("Alice", "the push service sees nothing of it");

        (await fixture.Get<PushSubscriptions>().ShowTextAsync(bob.Id, true)).Value.Should().BeTrue();
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "now with words");
        var withText = (await PushedAfterAsync(PushFixture.Delay * 4, phone)).Last();
        Payload(phone, withText).GetProperty("body").GetString().Should().Be("now with words");
        Payload(phone, withText)
            .GetProperty("tag")
            .GetString()
            .Should()
            .Be(PushSender.TagOf(id), "the same tag: it replaces the first");
    }

    [Fact]
    public async Task Read_before_it_is_due_nothing_is_pushed_and_several_messages_make_one_notification()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var phone = await SubscribedAsync(bob);
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "one", bob)).Value!.ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)); // an open page read it

        (await PushedAfterAsync(PushFixture.Delay * 2, phone)).Should().BeEmpty("read before it was due");

        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "two");
        await fixture.ReplyAsync(alice, id, "three");
        await fixture.ReplyAsync(alice, id, "four");
        (await PushedAfterAsync(PushFixture.Delay * 2, phone))
            .Should()
            .ContainSingle("one notification per conversation for what came together");
    }

    [Fact]
    public async Task A_device_the_push_service_says_is_gone_loses_its_subscription_and_logging_out_removes_a_devices()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var gone = await SubscribedAsync(bob);
        fixture.Receiver.Answer(gone, HttpStatusCode.Gone);
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.StartAsync(alice, "hello", bob);

        (await PushedAfterAsync(PushFixture.Delay * 2, gone)).Should().ContainSingle();
        (await fixture.Get<PushSubscriptions>().IsSubscribedAsync(bob.Id, gone.Endpoint))
            .Should()
            .BeFalse("410: the device unsubscribed");

        var device = fixture.Receiver.NewDevice();
        var session = await fixture.Get<SignInSessions>().StartAsync(carol.Id);
        await fixture
            .Get<PushSubscriptions>()
            .SubscribeAsync(
                new PersonId(carol.Id),
                new SessionId(session),
                new DeviceSubscription(device.Endpoint, device.P256dh, device.Auth)
            );
        await fixture.Get<SignInSessions>().EndAsync(new SessionId(session), new PersonId(carol.Id));
        (await fixture.Get<PushSubscriptions>().IsSubscribedAsync(carol.Id, device.Endpoint))
            .Should()
            .BeFalse("logging out there removes it");
    }

    [Fact]
    public async Task Only_the_known_push_services_and_a_browsers_keys_are_accepted()
    {
        var bob = await fixture.NewParticipantAsync();
        var session = await fixture.Get<SignInSessions>().StartAsync(bob.Id);
        var device = fixture.Receiver.NewDevice();
        var subscriptions = fixture.Get<PushSubscriptions>();

        foreach (
            var endpoint in new[]
            {
                "http://169.254.169.254/latest/meta-data",
                "https://evil.example/push",
                "https://fcm.googleapis.com.evil.example/x",
                $"{fixture.Receiver.Origin}/other/",
                "not a url",
                "https://user@fcm.googleapis.com/fcm/send/x",
            }
        )
        {
            (
                await subscriptions.SubscribeAsync(
                    new PersonId(bob.Id),
                    new SessionId(session),
                    new DeviceSubscription(endpoint, device.P256dh, device.Auth)
                )
            )
                .Problem.Should()
                .BeOfType<Invalid>(endpoint)
                .Which.Errors.Single()
                .Code.Should()
                .Be(ProblemCodes.PushEndpointRefused);
        }

        (
            await subscriptions.SubscribeAsync(
                new PersonId(bob.Id),
                new SessionId(session),
                new DeviceSubscription(device.Endpoint, "AAAA", device.Auth)
            )
        )
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Single()
            .Code.Should()
            .Be(ProblemCodes.PushKeysRefused);
        new PushOptions().Allows("https://fcm.googleapis.com/fcm/send/abc").Should().BeTrue();
        new PushOptions().Allows("https://db5p.notify.windows.com/w/?token=x").Should().BeTrue();
        new PushOptions().Allows("https://notify.windows.com.evil.example/").Should().BeFalse();
    }

    [Fact]
    public async Task Nothing_is_pushed_from_someone_blocked_or_blocked_on_the_platform_nor_for_a_message_request()
    {
        var (bob, blocked, troll, stranger, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var judy = await fixture.NewParticipantAsync(whoMayWrite: WhoMayWrite.StrangersAsRequests);
        var (bobsPhone, judysPhone) = (await SubscribedAsync(bob), await SubscribedAsync(judy));
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.StartAsync(blocked, "before the block", bob);
        await fixture.Get<BlockParticipant>().HandleAsync(new PersonId(bob.Id), new ParticipantId(blocked.Id));
        await fixture.StartAsync(troll, "spam", bob);
        (await fixture.Get<PlatformBlocks>().BlockAsync(new PersonId(admin.Id), new ParticipantId(troll.Id), "spam"))
            .Succeeded.Should()
            .BeTrue();
        await fixture.StartAsync(stranger, "a request", judy);

        (await PushedAfterAsync(PushFixture.Delay * 2, bobsPhone))
            .Should()
            .BeEmpty("a blocked writer and a platform-blocked one push nothing");
        (await PushedAfterAsync(PushFixture.Delay * 2, judysPhone))
            .Should()
            .BeEmpty("a message request is not pushed, as it is not mailed");
        await using var db = await fixture.DbAsync();
        (await db.PushMessages.CountAsync())
            .Should()
            .Be(0, "every row was settled and gone, none waits to be looked at again");
    }

    [Fact]
    public async Task Nothing_is_pushed_while_the_person_looks_at_the_site_on_any_server_and_it_is_again_once_they_look_away_or_that_server_dies()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var phone = await SubscribedAsync(bob);
        var otherServer = new LookingNow(
            fixture.Get<IDbContextFactory<Conversations.Domain.Persistence.ConversationsDbContext>>(),
            fixture.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LookingNow>.Instance
        );
        var laptopTab = new object();
        fixture.Clock.Ahead = TimeSpan.Zero;
        otherServer.Set(laptopTab, bob.Id, inSight: true);
        await otherServer.WriteAsync();

        var id = (await fixture.StartAsync(alice, "seen on the laptop", bob)).Value!.ConversationId;
        (await PushedAfterAsync(PushFixture.Delay * 2, phone))
            .Should()
            .BeEmpty("bob has a tab in view on another server: the page tells him");

        fixture.Clock.Ahead = TimeSpan.Zero;
        otherServer.Set(laptopTab, bob.Id, inSight: false);
        await otherServer.WriteAsync();
        await fixture.ReplyAsync(alice, id, "after he looked away");
        var push = (await PushedAfterAsync(PushFixture.Delay * 2, phone))
            .Should()
            .ContainSingle("the tab is hidden now")
            .Subject;
        Payload(phone, push)
            .GetProperty("unread")
            .GetInt32()
            .Should()
            .Be(2, "the app icon's badge: both messages are unread");

        fixture.Clock.Ahead = TimeSpan.Zero;
        otherServer.Set(laptopTab, bob.Id, inSight: true);
        await otherServer.WriteAsync(); // ... and then that server dies without a word
        await fixture.ReplyAsync(alice, id, "while that server is gone");
        (await PushedAfterAsync(PushFixture.Delay * 2, phone))
            .Should()
            .ContainSingle("still in view as far as anyone knows: seen there, settled");
        fixture.Clock.Ahead = LookingNow.Lifetime + TimeSpan.FromSeconds(1);
        await fixture.ReplyAsync(alice, id, "a minute later");
        (await PushedAfterAsync(LookingNow.Lifetime + PushFixture.Delay * 2, phone))
            .Should()
            .HaveCount(2, "a dead server's word lapses");
    }

    [Fact]
    public async Task A_notification_is_withdrawn_from_the_device_once_its_conversation_is_read_elsewhere_and_the_app_badge_follows()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var phone = await SubscribedAsync(bob);
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "read me on the laptop", bob)).Value!.ConversationId;
        var notification = (await PushedAfterAsync(PushFixture.Delay * 2, phone)).Should().ContainSingle().Subject;
        Payload(phone, notification).GetProperty("unread").GetInt32().Should().Be(1);

        (await fixture.Get<PushSender>().WithdrawReadAsync()).Should().Be(0, "still unread: the notification stays");
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)); // read on the laptop
        (await fixture.Get<PushSender>().WithdrawReadAsync()).Should().Be(1);

        var received = fixture.Receiver.Received.Where(p => p.Path == new Uri(phone.Endpoint).AbsolutePath).ToList();
        received.Should().HaveCount(2);
        var withdrawal = Payload(phone, received[1]);
        withdrawal.GetProperty("withdraw").GetBoolean().Should().BeTrue();
        withdrawal
            .GetProperty("tag")
            .GetString()
            .Should()
            .Be(PushSender.TagOf(id), "the service worker closes what has this tag");
        withdrawal.GetProperty("unread").GetInt32().Should().Be(0, "and clears the app icon's badge");
        (await fixture.Get<PushSender>().WithdrawReadAsync()).Should().Be(0, "withdrawn once");
    }

    [Fact]
    public async Task Nothing_is_pushed_for_a_conversation_the_person_muted_nor_to_a_manager_who_muted_it_or_the_groups_inbox()
    {
        var (alice, bob, carol, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob, carol]);
        var (alicesPhone, bobsPhone, carolsPhone) = (
            await SubscribedAsync(alice),
            await SubscribedAsync(bob),
            await SubscribedAsync(carol)
        );
        var mute = fixture.Get<Mute>();
        fixture.Clock.Ahead = TimeSpan.Zero;
        var own = (await fixture.StartAsync(dave, "to alice alone", alice)).Value!.ConversationId;
        await mute.ConversationAsync(Actor.Person(alice.Id), new ConversationId(own), muted: true);
        var toGroup = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the association", group.Id))
            .Value!
            .ConversationId;
        await mute.ConversationAsync(bob.For(group), new ConversationId(toGroup), muted: true);
        await mute.GroupInboxAsync(new PersonId(carol.Id), new GroupId(group.Id), muted: true);

        var alicesPushes = await PushedAfterAsync(PushFixture.Delay * 2, alicesPhone);
        alicesPushes
            .Select(p => Payload(alicesPhone, p).GetProperty("url").GetString())
            .Should()
            .Equal(
                [$"/profiles/{group.Nickname}/conversations/{toGroup}"],
                "alice muted her own conversation, not the group's"
            );
        (await PushedAfterAsync(PushFixture.Delay * 2, bobsPhone))
            .Should()
            .BeEmpty("bob muted the group's conversation");
        (await PushedAfterAsync(PushFixture.Delay * 2, carolsPhone)).Should().BeEmpty("carol muted the group's inbox");
    }

    [Fact]
    public async Task A_groups_manager_is_pushed_the_groups_conversation_at_the_groups_address_by_their_own_read_position()
    {
        var (alice, bob, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Dave Writes")
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob]);
        var (alicesPhone, bobsPhone) = (await SubscribedAsync(alice), await SubscribedAsync(bob));
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (
            await fixture
                .Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(dave.Id), [group.Id], "To the association"))
        )
            .Value!
            .ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(alice.For(group), new ConversationId(id)); // alice read it in the group's inbox

        (await PushedAfterAsync(PushFixture.Delay * 2, alicesPhone)).Should().BeEmpty("alice read it already");
        var push = (await PushedAfterAsync(PushFixture.Delay * 2, bobsPhone))
            .Should()
            .ContainSingle("bob, the other manager, has not")
            .Subject;
        var payload = Payload(bobsPhone, push);
        payload
            .GetProperty("url")
            .GetString()
            .Should()
            .Be(
                $"/profiles/{group.Nickname}/conversations/{id}",
                "he opens it in the group's inbox, where he may read it"
            );
        payload.GetProperty("title").GetString().Should().Be("New message from Dave Writes");
    }
}
