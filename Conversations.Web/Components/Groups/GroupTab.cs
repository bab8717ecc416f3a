namespace Conversations.Web.Components.Groups;

public enum GroupTab
{
    Profile,
    Conversations,
}
