using Bunit;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Conversations.Tests.Components;

/// <summary>
/// A page that is left while it still awaits (a read, a JavaScript call) and then fails must not put the next page under
/// the layout's error boundary: Blazor hands a component's failure to the boundary it sat in, which outlives the page.
/// </summary>
public class LiveComponentTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public void A_page_left_before_its_work_failed_leaves_the_next_page_shown()
    {
        var work = new TaskCompletionSource();
        var layout = context.Render<Layout>(p => p.Add(l => l.Work, work.Task).Add(l => l.OnPage, true));
        layout.WaitForAssertion(() => layout.Markup.Should().Contain("the page"));

        layout.Render(p => p.Add(l => l.OnPage, false)); // the person follows a link
        layout.InvokeAsync(() => work.SetException(new ObjectDisposedException("conversation.js")));

        layout.WaitForAssertion(() => layout.Markup.Should().Contain("the next page"));
        layout.Markup.Should().NotContain("a problem");
    }

    [Fact]
    public void A_page_left_while_a_click_on_it_was_still_handled_leaves_the_next_page_shown()
    {
        var click = new TaskCompletionSource();
        var layout = context.Render<Layout>(p => p.Add(l => l.Click, click.Task).Add(l => l.OnPage, true));
        layout.WaitForAssertion(() => layout.Markup.Should().Contain("the page"));
        layout.Find("button").Click(); // its handler awaits

        layout.Render(p => p.Add(l => l.OnPage, false));
        layout.InvokeAsync(() => click.SetException(new ObjectDisposedException("conversation.js")));

        layout.WaitForAssertion(() => layout.Markup.Should().Contain("the next page"));
        layout.Markup.Should().NotContain("a problem");
    }

    [Fact]
    public void A_page_still_shown_when_its_work_fails_shows_the_problem()
    {
        var work = new TaskCompletionSource();
        var layout = context.Render<Layout>(p => p.Add(l => l.Work, work.Task).Add(l => l.OnPage, true));
        layout.WaitForAssertion(() => layout.Markup.Should().Contain("the page"));

        layout.InvokeAsync(() => work.SetException(new InvalidOperationException("a real failure")));

        layout.WaitForAssertion(() => layout.Markup.Should().Contain("a problem"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    /// <summary>A layout's error boundary around either the page or the next one.</summary>
    public sealed class Layout : ComponentBase
    {
        [Parameter]
        public bool OnPage { get; set; }

        [Parameter]
        public Task Work { get; set; } = Task.CompletedTask;

        [Parameter]
        public Task Click { get; set; } = Task.CompletedTask;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<ErrorBoundary>(0);
            builder.AddComponentParameter(1, nameof(ErrorBoundary.ChildContent), (RenderFragment)Body);
            builder.AddComponentParameter(
                2,
                nameof(ErrorBoundary.ErrorContent),
                (RenderFragment<Exception>)(_ => b => b.AddMarkupContent(0, "<p>a problem</p>"))
            );
            builder.CloseComponent();
        }

        private void Body(RenderTreeBuilder builder)
        {
            if (OnPage)
            {
                builder.OpenComponent<Page>(0);
                builder.AddComponentParameter(1, nameof(Page.Work), Work);
                builder.AddComponentParameter(2, nameof(Page.Click), Click);
                builder.CloseComponent();
            }
            else
            {
                builder.AddMarkupContent(2, "<p>the next page</p>");
            }
        }
    }

    /// <summary>A live page whose first render's follow-up work, or a click's, is still running.</summary>
    public sealed class Page : LiveComponent
    {
        [Parameter]
        public Task Work { get; set; } = Task.CompletedTask;

        [Parameter]
        public Task Click { get; set; } = Task.CompletedTask;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.AddMarkupContent(0, "<p>the page</p>");
            builder.OpenElement(1, "button");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, async () => await Click));
            builder.CloseElement();
        }

        protected override async Task OnAfterRenderAsync(bool firstRender)
        {
            if (firstRender)
            {
                await Work;
            }
        }
    }
}
