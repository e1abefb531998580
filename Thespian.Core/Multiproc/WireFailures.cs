using Newtonsoft.Json;
using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>Says in one line why a received body was refused.</summary>
internal static class WireFailures
{
    /// <summary>"refused type X" when a type was refused, else the parse error.</summary>
    public static string Describe(JsonException exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DisallowedTypeException refused)
            {
                return $"refused type {refused.TypeName} (not allowed to travel)";
            }
        }

        return $"malformed message ({exception.Message})";
    }
}
