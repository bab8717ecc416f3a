namespace Conversations.Domain.Participants;

/// <summary>What a person types to open an account.</summary>
public sealed record Registration(string Email, string Password, string DisplayName, string Nickname);
