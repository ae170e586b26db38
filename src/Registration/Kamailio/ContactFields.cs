using System.Text.Json;
using Sophia.Registration.Registrar;

namespace Sophia.Registration.Kamailio;

/// <summary>
/// Reads one AOR element of <c>ul.dump</c> (<c>{"Info":{"AoR":..,"Contacts":[..]}}</c>), the <c>ul.lookup</c>
/// result (<c>{"AoR":..,"Contacts":[..]}</c>) or a brief dump element (<c>{"AoR":..}</c>, no contacts),
/// from a reader positioned on its StartObject and holding all of it.
/// </summary>
internal static class ContactFields
{
    /// <summary>usrloc's placeholder for an empty string field (ul_rpc.c).</summary>
    private const string NotSet = "[not set]";

    public static void ReadAorElement(ref Utf8JsonReader reader, DateTimeOffset now, List<RegistrarContact> found)
    {
        var depth = reader.CurrentDepth;
        string? aor = null;
        var pending = new List<Fields>(1);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("Info"))
            {
                reader.Read();
            }
            else if (reader.ValueTextEquals("AoR"))
            {
                reader.Read();
                aor = reader.GetString();
            }
            else if (reader.ValueTextEquals("Contacts"))
            {
                reader.Read();
                ReadContacts(ref reader, pending);
            }
            else
            {
                reader.Read();
                JsonSkip.Value(ref reader);
            }
        }

        if (string.IsNullOrWhiteSpace(aor))
        {
            throw new JsonException("an AOR element has no AoR");
        }
        var at = aor.LastIndexOf('@');
        var user = at < 0 ? aor : aor[..at];
        var domain = at < 0 ? null : aor[(at + 1)..];
        foreach (var c in pending)
        {
            if (c.Address is null || !c.Live)
            {
                continue;
            }
            found.Add(new RegistrarContact(
                aor, user, domain, c.Address,
                c.ExpiresInSeconds is { } seconds ? now.AddSeconds(seconds) : null,
                c.UserAgent, c.Received, c.Q, c.CallId, c.Instance, c.Socket,
                c.LastModified is { } unix and > 0 ? DateTimeOffset.FromUnixTimeSeconds(unix) : null));
        }
    }

    private static void ReadContacts(ref Utf8JsonReader reader, List<Fields> into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            JsonSkip.Value(ref reader);
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("Contact"))
            {
                reader.Read();
                into.Add(ReadContact(ref reader));
            }
        }
    }

    private static Fields ReadContact(ref Utf8JsonReader reader)
    {
        var fields = new Fields();
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("Address"))
            {
                reader.Read();
                fields.Address = Text(ref reader);
            }
            else if (reader.ValueTextEquals("Expires"))
            {
                reader.Read();
                ReadExpires(ref reader, fields);
            }
            else if (reader.ValueTextEquals("Q"))
            {
                reader.Read();
                fields.Q = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var q) && q >= 0 ? q : null;
            }
            else if (reader.ValueTextEquals("Call-ID"))
            {
                reader.Read();
                fields.CallId = Text(ref reader);
            }
            else if (reader.ValueTextEquals("User-Agent"))
            {
                reader.Read();
                fields.UserAgent = Text(ref reader);
            }
            else if (reader.ValueTextEquals("Received"))
            {
                reader.Read();
                fields.Received = Text(ref reader);
            }
            else if (reader.ValueTextEquals("Socket"))
            {
                reader.Read();
                fields.Socket = Text(ref reader);
            }
            else if (reader.ValueTextEquals("Instance"))
            {
                reader.Read();
                fields.Instance = Text(ref reader);
            }
            else if (reader.ValueTextEquals("Last-Modified"))
            {
                reader.Read();
                fields.LastModified = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var unix) ? unix : null;
            }
            else
            {
                reader.Read();
                JsonSkip.Value(ref reader);
            }
        }
        return fields;
    }

    private static void ReadExpires(ref Utf8JsonReader reader, Fields fields)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
        {
            fields.ExpiresInSeconds = seconds;
            fields.Live = seconds > 0;
            return;
        }
        // "permanent" never lapses; "expired" and "deleted" wait for usrloc's timer to purge them and no longer route.
        fields.ExpiresInSeconds = null;
        fields.Live = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("permanent");
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }
        var value = reader.GetString();
        return string.IsNullOrEmpty(value) || value == NotSet ? null : value;
    }

    private sealed class Fields
    {
        public string? Address { get; set; }
        public long? ExpiresInSeconds { get; set; }
        public bool Live { get; set; } = true;
        public double? Q { get; set; }
        public string? CallId { get; set; }
        public string? UserAgent { get; set; }
        public string? Received { get; set; }
        public string? Socket { get; set; }
        public string? Instance { get; set; }
        public long? LastModified { get; set; }
    }
}
