using System.Globalization;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Microsoft.AspNetCore.Components;

namespace Conversations.Web.Live;

/// <summary>
/// A component that follows its participant live once it is interactive: their conversation events
/// (<see cref="ListenAsync(Func{ConversationEvent, Task})"/>) or their unread counts (<see cref="WatchUnreadAsync"/>), read from the one live state of
/// that participant on this server. Subscriptions end when the component is disposed — also one that was still being
/// made when the component went away. A component that goes away while it still awaits (the person navigated on) keeps
/// its failures to itself: Blazor would hand them to the error boundary it sat in, which the next page shares.
/// </summary>
public abstract class LiveComponent : ComponentBase, IHandleAfterRender, IHandleEvent, IAsyncDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    /// <summary>
    /// The circuit's language, taken when the component is made: news arrives on the relay's threads, whose culture is
    /// not the participant's, and a render for it would otherwise speak the server's language.
    /// </summary>
    private readonly (CultureInfo Culture, CultureInfo UiCulture) language = (
        CultureInfo.CurrentCulture,
        CultureInfo.CurrentUICulture
    );

    private bool disposed;
    private bool rendered;

    [Inject]
    private ILogger<LiveComponent> Logger { get; set; } = default!;

    [Inject]
    private LiveConversations Live { get; set; } = default!;

    [Inject]
    private LiveUnread Unread { get; set; } = default!;

    [Inject]
    private ScreenReloads Reloads { get; set; } = default!;

    /// <summary>Whether the browser is connected to this circuit now (see <see cref="LiveConversations.Connected"/>).</summary>
    protected bool Connected => Live.Connected;

    /// <summary>
    /// Calls <paramref name="onEvent"/> on the component's dispatcher for each of the participant's events; a reload of
    /// everything (<see cref="CountsMayBeStale"/>) waits for its turn among the server's screens.
    /// </summary>
    protected Task ListenAsync(Func<ConversationEvent, Task> onEvent) =>
        KeepAsync(
            Live.ListenAsync(e =>
                e is CountsMayBeStale
                    ? Reloads.RunAsync(() => InvokeInLanguageAsync(() => onEvent(e)))
                    : InvokeInLanguageAsync(() => onEvent(e))
            )
        );

    /// <summary>
    /// Where the news stands, taken before the component reads what it shows (<see cref="ListenAsync(Func{ConversationEvent, Task}, long)"/>).
    /// </summary>
    protected Task<long> MarkNewsAsync() => Live.MarkAsync();

    /// <summary>
    /// Listens as <see cref="ListenAsync(Func{ConversationEvent, Task})"/>, and if news came between <paramref name="since"/>
    /// (taken before what is shown was read) and now, hands the component one <see cref="CountsMayBeStale"/> at once:
    /// a message that arrives while a page loads is not missed until the next one.
    /// </summary>
    protected async Task ListenAsync(Func<ConversationEvent, Task> onEvent, long since)
    {
        await ListenAsync(onEvent);
        if (Live.Heard != since)
        {
            await InvokeInLanguageAsync(() => onEvent(new CountsMayBeStale()));
        }
    }

    /// <summary>Calls <paramref name="onChange"/> on the component's dispatcher with the person's counts after each change.</summary>
    /// <returns>The counts as they are now.</returns>
    protected async Task<UnreadCounts> WatchUnreadAsync(Guid personId, Action<UnreadCounts> onChange)
    {
        var watch = await Unread.WatchAsync(personId, counts => InvokeInLanguageAsync(() =>
            {
                onChange(counts);
                StateHasChanged();
                return Task.CompletedTask;
            }));
        await KeepAsync(Task.FromResult<IDisposable>(watch));
        return watch.Current;
    }

    /// <summary>
    /// Runs news on the component's dispatcher in the circuit's language; a failure is handed to the circuit (the page's
    /// error boundary shows it, in the person's language) instead of being lost on the relay's thread — unless the
    /// component went away meanwhile.
    /// </summary>
    private Task InvokeInLanguageAsync(Func<Task> work) =>
        InvokeAsync(async () =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = language;
            try
            {
                await work();
            }
            catch (Exception exception) when (disposed)
            {
                Gone(exception);
            }
            catch (Exception exception)
            {
                await DispatchExceptionAsync(exception);
            }
        });

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        try
        {
            await base.SetParametersAsync(parameters);
        }
        catch (Exception exception) when (disposed)
        {
            Gone(exception);
        }
    }

    // ComponentBase's own steps, kept as they are, with a component that went away meanwhile kept out of the boundary.
    async Task IHandleAfterRender.OnAfterRenderAsync()
    {
        var firstRender = !rendered;
        rendered = true;
        try
        {
            OnAfterRender(firstRender);
            await OnAfterRenderAsync(firstRender);
        }
        catch (Exception exception) when (disposed)
        {
            Gone(exception);
        }
    }

    // ComponentBase's own handling of a click or a key (render at once, and again when the handler's work ends), with the
    // same exception: a handler still awaiting when its page was left.
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        var handling = callback.InvokeAsync(arg);
        var pending = handling.Status is not (TaskStatus.RanToCompletion or TaskStatus.Canceled);
        StateHasChanged();
        return pending ? RenderWhenHandledAsync(handling) : Task.CompletedTask;
    }

    private async Task RenderWhenHandledAsync(Task handling)
    {
        try
        {
            await handling;
        }
        catch (Exception exception) when (disposed && !handling.IsCanceled)
        {
            Gone(exception);
            return;
        }
        catch when (handling.IsCanceled)
        {
            return;
        }

        StateHasChanged();
    }

    /// <summary>
    /// A failure of a component that is no longer shown (its JavaScript module let go, its page left mid-read): nobody
    /// can see it, and the error boundary it was in now holds the next page, which did nothing wrong.
    /// </summary>
    private void Gone(Exception exception) =>
        Logger.LogDebug(exception, "{Component} failed after it was closed; nothing is shown", GetType().Name);

    private async Task KeepAsync(Task<IDisposable> subscribing)
    {
        var subscription = await subscribing;
        lock (subscriptions)
        {
            if (!disposed)
            {
                subscriptions.Add(subscription);
                return;
            }
        }

        subscription.Dispose(); // the component went away while subscribing
    }

    public async ValueTask DisposeAsync()
    {
        lock (subscriptions)
        {
            disposed = true;
        }

        subscriptions.ForEach(s => s.Dispose());
        await DisposeMoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>What else a component lets go of (JavaScript modules, events of other services).</summary>
    protected virtual ValueTask DisposeMoreAsync() => ValueTask.CompletedTask;
}
