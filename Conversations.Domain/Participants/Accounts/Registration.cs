namespace Conversations.Domain.Participants;

/// <summary>What a person types to open an account, and the language of the page they typed it on (their emails speak it).</summary>
public sealed record Registration(
    string Email,
    string Password,
    string DisplayName,
    string Nickname,
    string? Language = null
);
