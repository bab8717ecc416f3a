using System.Globalization;
using System.Text;

namespace Conversations.Web.Components.Shared;

/// <summary>Initials and a stable colour for participants without a picture.</summary>
public static class AvatarColor
{
    /// <summary>
    /// The same nickname always gets the same hue (FNV-1a hash), dark enough for white initials at every hue: at 30 %
    /// lightness the brightest hue (yellow-green) still gives 4.75:1 against white (WCAG AA asks 4.5:1).
    /// </summary>
    public static string For(string nickname)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(nickname))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return string.Create(CultureInfo.InvariantCulture, $"hsl({hash % 360}, 55%, 30%)");
    }

    public static string Initials(string displayName)
    {
        var words = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var letters = words.Take(2).Select(w => new StringInfo(w).SubstringByTextElements(0, 1).ToUpperInvariant());
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "?" : initials;
    }
}
