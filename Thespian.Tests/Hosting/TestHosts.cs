using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Thespian.Hosting;

namespace Thespian.Tests.Hosting;

/// <summary>Real Generic Hosts for the hosting tests: configuration from appsettings-style JSON, Thespian added from it.</summary>
internal static class TestHosts
{
    /// <summary>
    /// A host whose configuration is <paramref name="json"/> (an appsettings.json document) with warnings-only logging,
    /// and Thespian added from its "Thespian" section.
    /// </summary>
    public static IHost Build(string json, Action<IServiceCollection>? services = null, Action<ThespianOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = Path.GetTempPath(),
            DisableDefaults = false,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        services?.Invoke(builder.Services);
        builder.Services.AddThespian(builder.Configuration, configure);
        return builder.Build();
    }

    /// <summary>The "Thespian" section for <paramref name="systemBase"/> on a free admin port, with extra capability members.</summary>
    public static string Settings(string systemBase, string extraCapabilities = "") =>
        $$"""
        {
          "Thespian": {
            "SystemBase": "{{systemBase}}",
            "TransientUnique": true,
            "Capabilities": {
              "Admin Port": "{{MultiprocSupport.FreePort()}}"{{(extraCapabilities.Length > 0 ? "," : "")}}
              {{extraCapabilities}}
            },
            "Log": { "FilePath": "{{Path.Combine(Path.GetTempPath(), "thespian-tests.log").Replace("\\", "\\\\", StringComparison.Ordinal)}}", "MinimumLevel": "Warning" }
          }
        }
        """;
}
