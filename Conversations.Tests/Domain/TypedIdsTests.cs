using System.Reflection;
using Conversations.Domain.Common;

namespace Conversations.Tests.Domain;

/// <summary>Swapping two ids is a compile error: no public door of the domain takes two bare Guids.</summary>
public class TypedIdsTests
{
    [Fact]
    public void No_public_method_or_constructor_of_the_domain_takes_two_bare_guids()
    {
        var doors = typeof(PersonId)
            .Assembly.GetExportedTypes()
            .Where(t => t.Namespace?.Contains(".Migrations", StringComparison.Ordinal) != true)
            .SelectMany(t =>
                t.GetMethods(
                        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly
                    )
                    .Cast<MethodBase>()
                    .Concat(t.GetConstructors())
            )
            .ToList();
        doors.Should().Contain(m => m.DeclaringType!.Name == "Reply", "the test reads the domain's public types");

        var twoGuids = doors
            .Where(m =>
                m.GetParameters().Count(p => p.ParameterType == typeof(Guid) || p.ParameterType == typeof(Guid?)) >= 2
            )
            .Select(m =>
                $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})"
            );

        twoGuids
            .Should()
            .BeEmpty("a use case takes PersonId, GroupId, ParticipantId, ConversationId or SessionId at its door");
    }
}
