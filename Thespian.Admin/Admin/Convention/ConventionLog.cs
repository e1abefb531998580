using Microsoft.Extensions.Logging;

namespace Thespian.Admin.Admin.Convention;

/// <summary>The convention's log records (event ids 3100-3149), source-generated.</summary>
internal static partial class ConventionLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Convention: {Admin} at {Endpoint} joined")]
    public static partial void MemberJoined(this ILogger logger, ActorAddress admin, string endpoint);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Convention: {Admin} at {Endpoint} is gone ({Reason})")]
    public static partial void MemberLost(this ILogger logger, ActorAddress admin, string endpoint, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Convention: the leader is now {Leader}")]
    public static partial void LeaderChanged(this ILogger logger, string leader);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error,
                   Message = "Convention settings refused: {Reason} This system stays out of any convention until the capability is corrected.")]
    public static partial void SettingsRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
                   Message = "Convention: {Count} actor(s) placed on {Admin} are gone with it; their parents get ChildActorExited")]
    public static partial void PlacedActorsLost(this ILogger logger, int count, ActorAddress admin);

    [LoggerMessage(EventId = 3107, Message = "From member {Endpoint} ({Admin}): [{Category}] {Message}")]
    public static partial void MemberLogged(this ILogger logger, LogLevel level, string endpoint, ActorAddress admin, string category, string message);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Convention: {Endpoint} invited as a member (pre-registration)")]
    public static partial void Invited(this ILogger logger, string endpoint);
}
