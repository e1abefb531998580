using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Thespian.Tests.Multiproc;

// Actors that use what an application has from its runtimeconfig and deps.json: culture data (unless the application
// is invariant) and a package with native assets. The tests run the same code in the test process, the application.

/// <summary>
/// Given a culture name ("de-DE"), answers <see cref="CultureFormatting.Format"/> in that culture, or
/// "error: TypeName" when the culture cannot be made (an invariant process); "invariant" answers whether the process
/// runs in invariant globalization mode.
/// </summary>
public sealed class CultureActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "invariant":
                Send(sender, CultureFormatting.IsInvariantMode());
                break;
            case string culture:
                Send(sender, CultureFormatting.TryFormat(culture));
                break;
        }
    }
}

/// <summary>The formatting both the actor and the application run.</summary>
public static class CultureFormatting
{
    /// <summary>A number and a date in <paramref name="culture"/>: "1.234.567,89 · Montag, 7. Dezember 2026" in de-DE.</summary>
    public static string Format(CultureInfo culture) =>
        string.Create(culture, $"{1234567.891:N2} · {new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Unspecified):D}");

    /// <summary>The formatting in the named culture, or "error: TypeName" when the culture cannot be made.</summary>
    public static string TryFormat(string cultureName)
    {
        try
        {
            return Format(new CultureInfo(cultureName));
        }
        catch (CultureNotFoundException ex)
        {
            return $"error: {ex.GetType().Name}";
        }
    }

    /// <summary>Whether this process runs with invariant globalization (the runtime's switch, as its runtimeconfig set it).</summary>
    public static bool IsInvariantMode() =>
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant;
}

/// <summary>"query" answers <see cref="SqliteQuery.Run"/>: an in-memory SQLite database through Microsoft.Data.Sqlite.</summary>
public sealed class SqliteActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "query")
        {
            Send(sender, SqliteQuery.Run());
        }
    }
}

/// <summary>The query both the actor and the application run.</summary>
public static class SqliteQuery
{
    /// <summary>Creates a table in an in-memory database, fills it, and answers "sum=…; sqlite=version".</summary>
    public static string Run()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE squares (n INTEGER); INSERT INTO squares VALUES (2), (3), (4);";
            create.ExecuteNonQuery();
        }

        using var query = connection.CreateCommand();
        query.CommandText = "SELECT SUM(n * n), sqlite_version() FROM squares;";
        using var reader = query.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"sum={reader.GetInt64(0)}; sqlite={reader.GetString(1)}");
    }
}
