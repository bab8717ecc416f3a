using MudBlazor;

namespace Conversations.Web.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#c2410c",
            AppbarBackground = "#1f5f8b",
            Background = "#f6f7f9",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Liberation Sans", "Arial", "sans-serif"] },
        },
    };
}
