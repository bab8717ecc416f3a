using Conversations.Domain.Common;
using Conversations.Web.Localization;

namespace Conversations.Web.Components.Shared;

/// <summary>
/// The one way a component runs a change: <see cref="Busy"/> while it runs (its button disabled, a second press
/// ignored), then what the component shows read again, and the refusal in the person's words for
/// <c>&lt;ProblemNotice Text="@Change.Problem" /&gt;</c>. Injected per component (transient).
/// </summary>
public sealed class ChangeRun(ProblemText problems)
{
    public bool Busy { get; private set; }

    /// <summary>Why the last change was refused, in the person's words; null when it went through (or none ran).</summary>
    public string? Problem { get; private set; }

    /// <summary>Runs <paramref name="change"/>, then <paramref name="reload"/> (whatever the answer: a refusal can come from a change made elsewhere).</summary>
    /// <returns>The change's value when it went through; null when it was refused or another change was still running.</returns>
    public async Task<Result<T>?> RunAsync<T>(Func<Task<Result<T>>> change, Func<Task>? reload = null)
    {
        if (Busy)
        {
            return null;
        }

        Busy = true;
        Problem = null;
        try
        {
            var result = await change();
            if (reload is not null)
            {
                await reload();
            }

            Problem = result.Problem is { } refused ? problems.Of(refused) : null;
            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A refusal found before anything ran (a choice left empty, say), in words the component has.</summary>
    public void Refuse(string words) => Problem = words;

    public void Clear() => Problem = null;
}
