namespace Thespian.Wire.Authentication;

/// <summary>
/// Where a system's shared secret comes from, and how it reaches every process of the system. An application (or
/// <c>thespian-admin</c>) takes it from the capability "Thespian Secret", else from the file named by the capability
/// "Thespian Secret File", else from the file named by <c>THESPIAN_SECRET_FILE</c>. The admin and the actor hosts get it
/// from the process that starts them in the environment variable <see cref="InheritedVariable"/> — never on a command
/// line, where <c>ps</c> shows it to every user — and remove it from their own environment at once.
/// </summary>
internal static class SecretSettings
{
    /// <summary>The environment variable naming a file whose contents are the secret.</summary>
    public const string FileVariable = "THESPIAN_SECRET_FILE";

    /// <summary>The environment variable a Thespian process sets for the admin and hosts it starts (base64; internal).</summary>
    public const string InheritedVariable = "THESPIAN_INHERITED_SECRET";

    /// <summary>What status and capability reports show in place of the secret.</summary>
    public const string Redacted = "(redacted)";

    /// <summary>What a log line or an error says to set when a secret is missing or differs.</summary>
    public const string WhatToSet =
        $"give every process of the system the same secret: the capability \"{CommonCapabilities.ThespianSecretFile}\" " +
        $"(or the environment variable {FileVariable}) naming a file that holds it";

    /// <summary>The secret an application or a tool configures, or null when none is.</summary>
    /// <exception cref="ActorSystemStartupFailureException">A secret is configured but cannot be used (its file is missing, unreadable or empty; the capability is not text).</exception>
    public static SystemSecret? From(IEnumerable<KeyValuePair<string, object?>>? capabilities)
    {
        object? text = null;
        object? file = null;
        foreach (var (name, value) in capabilities ?? [])
        {
            if (name == CommonCapabilities.ThespianSecret)
            {
                text = value;
            }
            else if (name == CommonCapabilities.ThespianSecretFile)
            {
                file = value;
            }
        }

        if (text is not null)
        {
            return text is string { Length: > 0 } secret and not Redacted
                ? SystemSecret.FromText(secret)
                : throw new ActorSystemStartupFailureException(
                    $"The capability \"{CommonCapabilities.ThespianSecret}\" must be non-empty text.");
        }

        if (file is not null)
        {
            return file is string { Length: > 0 } path
                ? FromFile(path, $"the capability \"{CommonCapabilities.ThespianSecretFile}\"")
                : throw new ActorSystemStartupFailureException(
                    $"The capability \"{CommonCapabilities.ThespianSecretFile}\" must be a file's path.");
        }

        return Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } fromEnvironment
            ? FromFile(fromEnvironment, $"the environment variable {FileVariable}")
            : null;
    }

    /// <summary>
    /// The secret the process that started this one (an application starting the admin, the admin starting a host)
    /// handed down, or null when it had none; the variable is removed from this process's environment, so nothing this
    /// process starts inherits it unasked.
    /// </summary>
    /// <exception cref="ActorSystemStartupFailureException">The variable is not base64.</exception>
    public static SystemSecret? TakeInherited()
    {
        if (Take(InheritedVariable) is not { } encoded)
        {
            return null;
        }

        try
        {
            return new SystemSecret(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw new ActorSystemStartupFailureException($"The environment variable {InheritedVariable} is not a secret handed down by Thespian.");
        }
    }

    /// <summary>
    /// The value of an environment variable a parent handed down (null when it is unset or empty), removed from this
    /// process's environment at once so that nothing this process starts inherits it unasked.
    /// </summary>
    internal static string? Take(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        Environment.SetEnvironmentVariable(variable, null);
        return value;
    }

    /// <summary>Hands <paramref name="secret"/> down to a process about to start with <paramref name="environment"/> (or makes sure none is when null).</summary>
    public static void HandDown(IDictionary<string, string?> environment, SystemSecret? secret) =>
        HandDown(environment, InheritedVariable, secret?.ToInheritable());

    /// <summary>Sets <paramref name="variable"/> to <paramref name="value"/> for a process about to start (removes it when null).</summary>
    internal static void HandDown(IDictionary<string, string?> environment, string variable, string? value)
    {
        if (value is null)
        {
            environment.Remove(variable);
        }
        else
        {
            environment[variable] = value;
        }
    }

    /// <summary>
    /// A copy of <paramref name="capabilities"/> fit to pass on, store and report: "Thespian Secret" is
    /// <see cref="Redacted"/>. Null stays null.
    /// </summary>
    public static IDictionary<string, object?>? Redact(IDictionary<string, object?>? capabilities) =>
        Redact(capabilities, CommonCapabilities.ThespianSecret);

    /// <summary>A copy of <paramref name="capabilities"/> with <paramref name="name"/> <see cref="Redacted"/> (the same when it is not set).</summary>
    internal static IDictionary<string, object?>? Redact(IDictionary<string, object?>? capabilities, string name)
    {
        if (capabilities is null || !capabilities.ContainsKey(name))
        {
            return capabilities;
        }

        return new Dictionary<string, object?>(capabilities, StringComparer.Ordinal) { [name] = Redacted };
    }

    private static SystemSecret FromFile(string path, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ActorSystemStartupFailureException(
                $"The secret file {path} (from {setting}) cannot be read: {ex.Message}", ex);
        }

        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            length--;
        }

        return length == 0
            ? throw new ActorSystemStartupFailureException(
                $"The secret file {path} (from {setting}) is empty; write the secret into it (for example: head -c 32 /dev/urandom | base64 > {path}).")
            : new SystemSecret(bytes.AsSpan(0, length));
    }
}
