using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Conversations.Domain.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running app or database.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<ConversationsDbContext>
{
    public ConversationsDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<ConversationsDbContext>()
                .UseNpgsql("Host=localhost;Database=design_time")
                .Options
        );
}
