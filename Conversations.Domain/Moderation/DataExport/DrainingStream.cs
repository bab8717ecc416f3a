namespace Conversations.Domain.Moderation;

/// <summary>
/// Between a <c>ZipArchive</c> and a response body: the archive still writes some bytes synchronously (an entry's last
/// compressed block when it is closed, the central directory at the end), which a response body refuses. Those are
/// kept here and sent, asynchronously, at the next <see cref="DrainAsync"/> — after each page of conversations and each
/// file — so what is held stays a page's worth at most. Asynchronous writes pass straight through.
/// </summary>
internal sealed class DrainingStream(Stream output) : Stream
{
    private readonly MemoryStream held = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => held.Write(buffer);

    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> buffer,
        CancellationToken cancellationToken = default
    )
    {
        await DrainAsync(cancellationToken);
        await output.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what the archive wrote synchronously since the last time.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        if (held.Length > 0)
        {
            await output.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            held.SetLength(0);
        }
    }

    public override void Flush()
    {
        // Nothing to do until the next drain: the response body is flushed asynchronously.
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            held.Dispose();
        }

        base.Dispose(disposing);
    }
}
