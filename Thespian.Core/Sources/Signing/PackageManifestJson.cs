using System.Text.Json;

namespace Thespian.Sources;

/// <summary>Writes and reads a <see cref="PackageManifest"/> as JSON, with an error that names the bad field.</summary>
internal static class PackageManifestJson
{
    /// <summary>The manifest as UTF-8 JSON.</summary>
    public static byte[] Write(PackageManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", PackageManifest.FormatName);
            json.WriteNumber("formatVersion", manifest.FormatVersion);
            json.WriteString("signatureAlgorithm", manifest.SignatureAlgorithm);
            if (manifest.KeyId is not null)
            {
                json.WriteString("keyId", manifest.KeyId);
            }

            json.WriteBoolean("encrypted", manifest.Encrypted);
            if (manifest.Nonce is not null && manifest.Tag is not null)
            {
                json.WriteString("encryption", PayloadCipher.AlgorithmName);
                json.WriteBase64String("nonce", manifest.Nonce);
                json.WriteBase64String("tag", manifest.Tag);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="SignedSourceException">It is not JSON, not a Thespian manifest, of an unknown version, or a field is missing or wrong.</exception>
    public static PackageManifest Read(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || OptionalString(root, "format") != PackageManifest.FormatName)
            {
                throw Bad($"it is not a Thespian signed source manifest (its \"format\" must be \"{PackageManifest.FormatName}\")");
            }

            var version = Required(root, "formatVersion", JsonValueKind.Number).GetInt32();
            if (version != PackageManifest.CurrentVersion)
            {
                throw Bad($"its format version is {version}, and this Thespian reads version {PackageManifest.CurrentVersion} only " +
                          "(sign the source with the thespian-admin of the same release as the system)");
            }

            var algorithm = Required(root, "signatureAlgorithm", JsonValueKind.String).GetString()!;
            var keyId = OptionalString(root, "keyId");
            var encrypted = root.TryGetProperty("encrypted", out var flag) && flag.ValueKind == JsonValueKind.True;
            return encrypted
                ? new PackageManifest(version, algorithm, keyId, Base64(root, "nonce"), Base64(root, "tag"))
                : new PackageManifest(version, algorithm, keyId, null, null);
        }
        catch (JsonException ex)
        {
            throw Bad($"it is not valid JSON ({ex.Message})");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw Bad($"a field has the wrong kind of value ({ex.Message})");
        }
    }

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw Bad($"its \"{name}\" field is missing or is not a {kind.ToString().ToLowerInvariant()}");

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64(JsonElement root, string name) =>
        Required(root, name, JsonValueKind.String).GetBytesFromBase64();

    private static SignedSourceException Bad(string why) =>
        new($"The package manifest ({SignedSourceZip.ManifestEntry}) cannot be used: {why}.");
}
