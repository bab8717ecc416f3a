using Conversations.Domain.Common;

namespace Conversations.Web.Components.Shared;

/// <summary>A picture file the participant chose: its bytes, or the problem that kept it from being read.</summary>
public sealed record ChosenPicture(string FileName, byte[]? Content, Invalid? Problem);
