using System.Collections;
using System.Text;
using System.Text.Json;

namespace Thespian.Admin.Cli;

/// <summary>
/// Writes a <see cref="ThespianSystemStatus"/> as one JSON object (<c>thespian-admin status --json</c>), for scripts and
/// monitoring: the same facts as <see cref="StatusReport"/>, with numbers, booleans and lists as JSON values and every
/// address as its text. Written with System.Text.Json, the runtime's own JSON, which the admin program also uses to read
/// runtimeconfig files; Newtonsoft.Json stays the wire's serializer.
/// </summary>
internal static class StatusJson
{
    /// <summary>The JSON object, indented, ending with a newline.</summary>
    public static string Format(string baseName, int port, int adminProcessId, IReadOnlyList<int> hostProcessIds,
                                ThespianSystemStatus status, IReadOnlyList<Multiproc.ConventionMemberReport>? conventionSystems = null)
    {
        ArgumentNullException.ThrowIfNull(hostProcessIds);
        ArgumentNullException.ThrowIfNull(status);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("base", baseName);
            json.WriteNumber("port", port);
            json.WriteString("adminAddress", status.AdminAddress.ToString());
            json.WriteNumber("adminProcess", adminProcessId);
            WriteArray(json, "hostProcesses", hostProcessIds, (w, pid) => w.WriteNumberValue(pid));
            json.WriteNumber("actors", status.ActorCount);
            json.WriteStartObject("globalNames");
            foreach (var (name, address) in status.GlobalNames.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, address.ToString());
            }

            json.WriteEndObject();
            WriteArray(json, "deadLetterHandlers", status.DeadLetterHandlers, (w, a) => w.WriteStringValue(a.ToString()));
            WriteOptional(json, "sourceAuthority", status.SourceAuthority);
            WriteArray(json, "loadedSources", status.LoadedSources.Order(StringComparer.Ordinal).ToList(), (w, h) => w.WriteStringValue(h));
            WriteOptional(json, "conventionLeader", status.ConventionLeader);
            WriteArray(json, "conventionMembers", status.ConventionMembers, (w, a) => w.WriteStringValue(a.ToString()));
            WriteArray(json, "conventionSystems", conventionSystems ?? [], WriteConventionSystem);
            json.WritePropertyName("capabilities");
            WriteCapabilities(json, status.Capabilities);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteConventionSystem(Utf8JsonWriter json, Multiproc.ConventionMemberReport system)
    {
        json.WriteStartObject();
        json.WriteString("admin", system.Member.Admin.ToString());
        json.WriteString("endpoint", system.Member.Endpoint);
        json.WriteBoolean("leader", system.IsLeader);
        if (system.SecondsSinceHeard is { } seconds)
        {
            json.WriteNumber("secondsSinceHeard", Math.Round(seconds, 1));
        }
        else
        {
            json.WriteNull("secondsSinceHeard");
        }

        json.WritePropertyName("capabilities");
        WriteCapabilities(json, system.Member.Capabilities);
        json.WriteEndObject();
    }

    private static void WriteCapabilities(Utf8JsonWriter json, IReadOnlyDictionary<string, object?> capabilities)
    {
        json.WriteStartObject();
        foreach (var (name, value) in capabilities.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    /// <summary>A capability value: JSON numbers, booleans, strings, arrays and objects where it is one; else its text.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong big:
                json.WriteNumberValue(big);
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    WriteValue(json, entry.Value);
                }

                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, ActorAddress? address)
    {
        if (address is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, address.ToString());
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }
}
