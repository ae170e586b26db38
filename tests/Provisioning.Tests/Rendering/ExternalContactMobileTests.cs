using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Numbers;
using Sophia.Provisioning.Rendering;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>An external contact with a mobile and a short number for it, in the phones' directories.</summary>
public sealed class ExternalContactMobileTests
{
    [Fact]
    public async Task The_entry_dials_the_phones_short_number_first_then_the_phone_then_the_mobile()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        await using (var db = harness.Parc.NewDb())
        {
            var bieth = await db.ExternalContacts.SingleAsync(c => c.LastName == "Bieth");
            bieth.Mobile = "06 12 34 56 78";
            // The mobile's short number sorts before the phone's: the entry must still start with the phone's.
            (await db.ShortNumbers.SingleAsync(s => s.ExternalContactId == bieth.Id)).Digits = "5000";
            db.ShortNumbers.Add(new ShortNumber { ClientId = bieth.ClientId, Digits = "505", ExternalContactId = bieth.Id, DialsMobile = true });
            await db.SaveChangesAsync();
        }

        var config = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), TestParc.SeldonT46S, harness.Context, CancellationToken.None);
        var yealink = XDocument.Parse(await harness.TextAsync("001565988c06-phonebook.xml"));
        var polycom = XDocument.Parse(await harness.TextAsync("0004f2a1b2c3-directory.xml"));

        Assert.NotNull(config);
        Assert.Equal(["5000", "0354698654", "0612345678"], config.Phonebook.Entries.Single(e => e.Name == "Régis Bieth").Numbers);
        Assert.Equal(["5000", "0354698654", "0612345678"], yealink.Descendants("DirectoryEntry")
            .Single(e => e.Element("Name")?.Value == "Régis Bieth").Elements("Telephone").Select(t => t.Value));
        Assert.Equal("5000", polycom.Descendants("item").Single(i => i.Element("ln")?.Value == "Bieth").Element("ct")?.Value);
        Assert.Equal(["501", "0354697845"], config.Phonebook.Entries.Single(e => e.Name == "Julien Morian").Numbers);
    }
}
