using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Users;

/// <summary>A user finds their own phones and SIP line; another user's are not found.</summary>
public sealed class UserPhonesApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_user_lists_their_own_phones_with_model_site_and_registration_state()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var lu = await factory.ClientFor(SophiaFactory.Lu);

        var phone = Assert.Single((await lu.GetJson($"/api/v1/users/{ids.Lu}/equipment")).EnumerateArray());

        Assert.Equal((DemoIds.LuPhone, "polycom-vvx450", "Polycom VVX 450", ids.Mandar, "Mandar"),
            (phone.Str("mac"), phone.Str("model"), phone.Str("modelName"), phone.Int("siteId"), phone.Str("siteName")));
        var registration = phone.GetProperty("registration");
        Assert.Equal("unknown", registration.Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, registration.GetProperty("since").ValueKind);
    }

    [Fact]
    public async Task A_user_reads_their_SIP_identity_and_never_its_password()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var lu = await factory.ClientFor(SophiaFactory.Lu);

        using var response = await lu.GetAsync($"/api/v1/users/{ids.Lu}/sip");
        var sip = await response.Json();

        Assert.Equal(("rlu", "15rp.sewan.eu", "rlu@15rp.sewan.eu"), (sip.Str("username"), sip.Str("domain"), sip.Str("aor")));
        var registrar = sip.GetProperty("registrar");
        Assert.Equal(("sip.15rp.sewan.eu", 5060, "udp"), (registrar.Str("host"), registrar.Int("port"), registrar.Str("transport")));
        var number = Assert.Single(sip.GetProperty("numbers").EnumerateArray());
        Assert.Equal("+33185737638", number.Str("e164"));
        Assert.DoesNotContain("password", sip.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_users_phones_and_SIP_line_are_not_found_for_a_plain_user_but_shown_to_their_admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        foreach (var url in new[] { $"/api/v1/users/{ids.Seldon}/equipment", $"/api/v1/users/{ids.Seldon}/sip" })
        {
            using var response = await lu.GetAsync(url);
            await response.Problem(HttpStatusCode.NotFound, "userId");
        }
        var seldons = Assert.Single((await admin.GetJson($"/api/v1/users/{ids.Seldon}/equipment")).EnumerateArray());
        Assert.Equal((DemoIds.SeldonPhone, "Yealink T46S"), (seldons.Str("mac"), seldons.Str("modelName")));
        Assert.Equal("cseldon@15rp.sewan.eu", (await admin.GetJson($"/api/v1/users/{ids.Seldon}/sip")).Str("aor"));
    }
}
