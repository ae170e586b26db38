using System.Net;
using System.Text;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Contacts;

/// <summary>External contacts' short numbers on PostgreSQL: given, swapped, imported and exported as on SQLite.</summary>
public sealed class ContactPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Short_numbers_are_given_swapped_and_imported_on_PostgreSQL()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var url = $"/api/v1/clients/{(await DemoIds.Read(admin)).ClientId}/contacts/external";

        var created = await admin.PostJson(url, new { lastName = "Garnier", phone = "0354691111", mobile = "0611223344" }, HttpStatusCode.Created);
        var swapped = await admin.PutJson($"{url}/{created.Int("id")}", new { shortNumber = "506", mobileShortNumber = "505" });
        using var import = await admin.PostAsync($"{url}/import",
            new StringContent("lastName,phone,mobile,shortNumber\nHenry,0354691112,0611223345,\nIsnard,0354691113,,5010\n", Encoding.UTF8, "text/csv"));
        await import.Json();
        var exported = await admin.GetStringAsync($"{url}?format=csv");

        Assert.Equal(("505", "506"), (created.Str("shortNumber"), created.Str("mobileShortNumber")));
        Assert.Equal(("506", "505"), (swapped.Str("shortNumber"), swapped.Str("mobileShortNumber")));
        var henry = (await admin.GetJson(url)).Items().Single(c => c.Str("lastName") == "Henry");
        Assert.Equal(("507", "508"), (henry.Str("shortNumber"), henry.Str("mobileShortNumber")));
        Assert.Contains("Isnard,,,,0354691113,,,5010,", exported, StringComparison.Ordinal);
    }
}
