using System.Globalization;
using System.Text;

namespace Sophia.Bench.Registration;

/// <summary>
/// Writes an <c>ul.dump</c> answer laid out as Kamailio 5.6 lays it out (tab-indented, every contact field),
/// for a generated population: device i registers as <c>u{i}@client{i % 200}.example</c>.
/// 9 devices in 10 are registered, 1 in 25 with two phones on its line, and some AORs belong to no device.
/// The contact addresses are in 198.18.0.0/15 (RFC 2544, benchmarking); nothing is ever sent to them.
/// </summary>
internal static class DumpFile
{
    public static string Aor(int device) => string.Create(CultureInfo.InvariantCulture, $"u{device:D6}@client{device % 200}.example");

    public static bool IsRegistered(int device) => device % 10 != 0;

    public static int Strangers(int devices) => devices / 50;

    public static async Task<(long Bytes, int Bindings)> WriteAsync(string path, int devices)
    {
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        await file.WriteAsync("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t\t\"Domains\":\t[{\n\t\t\t\t\"Domain\":\t{\n\t\t\t\t\t\"Domain\":\t\"location\",\n\t\t\t\t\t\"Size\":\t1024,\n\t\t\t\t\t\"AoRs\":\t[");
        var bindings = 0;
        var records = 0;
        var lastModified = 1795810265;
        for (var i = 0; i < devices + Strangers(devices); i++)
        {
            var aor = i < devices ? Aor(i) : string.Create(CultureInfo.InvariantCulture, $"stranger{i}@elsewhere.example");
            if (i < devices && !IsRegistered(i))
            {
                continue;
            }
            var contacts = i % 25 == 1 ? 2 : 1;
            await file.WriteAsync(records++ == 0 ? "{" : ", {");
            await file.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"\n\t\t\t\t\t\t\t\"Info\":\t{{\n\t\t\t\t\t\t\t\t\"AoR\":\t\"{aor}\",\n\t\t\t\t\t\t\t\t\"HashID\":\t{i * 2654435761L % int.MaxValue},\n\t\t\t\t\t\t\t\t\"Contacts\":\t["));
            for (var c = 0; c < contacts; c++)
            {
                bindings++;
                await file.WriteAsync(c == 0 ? "{" : ", {");
                await file.WriteAsync(Contact(i, c, lastModified));
            }
            await file.WriteAsync("]\n\t\t\t\t\t\t\t}\n\t\t\t\t\t\t}");
        }
        await file.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"],\n\t\t\t\t\t\"Stats\":\t{{\n\t\t\t\t\t\t\"Records\":\t{records},\n\t\t\t\t\t\t\"Max-Slots\":\t{records / 1024 + 1}\n\t\t\t\t\t}}\n\t\t\t\t}}\n\t\t\t}}]\n\t}},\n\t\"id\":\t1\n}}"));
        await file.FlushAsync();
        return (file.BaseStream.Length, bindings);
    }

    private static string Contact(int device, int phone, int lastModified)
    {
        var host = string.Create(CultureInfo.InvariantCulture, $"198.{18 + device / 65536 % 2}.{device / 256 % 256}.{device % 256}");
        var mac = string.Create(CultureInfo.InvariantCulture, $"00:15:65:{device / 65536 % 256:x2}:{device / 256 % 256:x2}:{(device + phone) % 256:x2}");
        (string Name, string Value)[] fields =
        [
            ("Address", Quoted($"sip:u{device:D6}@{host}:{5060 + phone};transport=udp")),
            ("Expires", Number(300 + device % 3300)),
            ("Q", "-1"),
            ("Call-ID", Quoted($"{device:x8}-{phone}@{host}")),
            ("CSeq", Number(device % 9000 + 1)),
            ("User-Agent", Quoted($"Yealink SIP-T46S 66.86.0.15 {mac}")),
            ("Received", Quoted("[not set]")),
            ("Path", Quoted("[not set]")),
            ("State", Quoted("CS_NEW")),
            ("Flags", "0"),
            ("CFlags", "0"),
            ("Socket", Quoted("udp:127.0.0.1:5060")),
            ("Methods", "5087"),
            ("Ruid", Quoted($"uloc-6b09e3cf-{device:x}-{phone}")),
            ("Instance", Quoted("[not set]")),
            ("Reg-Id", "0"),
            ("Server-Id", "0"),
            ("Tcpconn-Id", "-1"),
            ("Keepalive", "0"),
            ("Last-Keepalive", Number(lastModified)),
            ("KA-Roundtrip", "0"),
            ("Last-Modified", Number(lastModified - phone)),
        ];
        var text = new StringBuilder(1200);
        text.Append('\n').Append('\t', 10).Append("\"Contact\":\t{");
        for (var f = 0; f < fields.Length; f++)
        {
            text.Append('\n').Append('\t', 11).Append('"').Append(fields[f].Name).Append("\":\t").Append(fields[f].Value);
            text.Append(f < fields.Length - 1 ? "," : "");
        }
        text.Append('\n').Append('\t', 10).Append('}');
        text.Append('\n').Append('\t', 9).Append('}');
        return text.ToString();
    }

    private static string Quoted(string value) => "\"" + value + "\"";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
