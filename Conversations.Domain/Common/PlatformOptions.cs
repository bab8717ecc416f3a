namespace Conversations.Domain.Common;

/// <summary>The "Platform" section of appsettings.json: the participation platform these conversations belong to.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Its name as residents know it ("Riverside Participa"): every email carries it, so that none passes for phishing.</summary>
    public string Name { get; set; } = "Conversations";
}
