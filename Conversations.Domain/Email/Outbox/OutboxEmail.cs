namespace Conversations.Domain.Email;

/// <summary>
/// An email waiting to be sent, sent, or given up on: written in the same transaction as what causes it, sent by
/// <see cref="OutboxSender"/> on any server. Its <see cref="MessageId"/> is stable, so a copy sent twice (a crash
/// between sending and marking) is recognised as one by mail clients.
/// </summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }

    /// <summary>The Message-ID header, without angle brackets; unique.</summary>
    public string MessageId { get; set; } = "";

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>For notifications: the one-click unsubscribe address (List-Unsubscribe, RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>For new-message emails: the address a reply goes to (<see cref="EmailReplyAddress"/>).</summary>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// For an answer to an email the platform received (a refused reply): that email's Message-ID. The email is then
    /// sent as an automatic answer (<c>Auto-Submitted: auto-replied</c>), which mail systems do not answer in turn.
    /// </summary>
    public string? InReplyTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next try may happen.</summary>
    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set after the last failed try: the email stays, with <see cref="LastError"/>, and is not tried again.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}
