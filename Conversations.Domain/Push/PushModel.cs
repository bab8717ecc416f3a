namespace Conversations.Domain.Push;

/// <summary>One device's Web Push subscription, tied to the sign-in session it was made in: it ends with that session.</summary>
public class PushSubscription
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The sign-in session of that device: logging out there, or a session ended by a block or a new password, removes it.</summary>
    public Guid SessionId { get; set; }

    /// <summary>The push service's address for this device (one of <see cref="PushOptions.AllowedEndpoints"/>).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The device's P-256 public key (base64url, 65 bytes): what the payload is encrypted to.</summary>
    public string P256dh { get; set; } = "";

    /// <summary>The device's authentication secret (base64url, 16 bytes).</summary>
    public string Auth { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A push to send: one row per device and message, written in the message's own transaction (so none is lost and none
/// is made twice), sent by <see cref="PushSender"/> once due — after a short delay, and only if the message is still
/// unread and every rule still lets it through — and deleted once settled (sent, or found not to be sent).
/// </summary>
public class PushMessage
{
    public long Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    /// <summary>When it becomes due, before <see cref="PushOptions.Delay"/>: the message's time, or the time of the next try.</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>
/// A notification a device was sent and may show now, one per device and conversation (its tag): when the person reads
/// that conversation elsewhere, <see cref="PushSender"/> withdraws it and the row goes.
/// </summary>
public class ShownNotification
{
    public Guid SubscriptionId { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>The message it announced: read up to there, it is withdrawn.</summary>
    public long Seq { get; set; }

    public DateTimeOffset ShownAt { get; set; }
}

/// <summary>The application server's VAPID key pair (RFC 8292), made on first use and shared by every server.</summary>
public class VapidKey
{
    public int Id { get; set; }

    /// <summary>Uncompressed P-256 public key, base64url: what browsers subscribe with (<c>applicationServerKey</c>).</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The private scalar, base64url.</summary>
    public string PrivateKey { get; set; } = "";
}
