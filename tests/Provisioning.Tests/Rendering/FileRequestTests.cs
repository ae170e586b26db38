using Sophia.DeviceModels.Identification;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

public sealed class FileRequestTests
{
    [Theory]
    [InlineData("001565988C06.cfg", "001565988c06.cfg", ProvisioningFileKind.MacConfig, "001565988c06")]
    [InlineData("/y000000000066.CFG", "y000000000066.cfg", ProvisioningFileKind.YealinkCommon, null)]
    [InlineData("001565988c06-PhoneBook.xml", "001565988c06-phonebook.xml", ProvisioningFileKind.YealinkPhonebook, "001565988c06")]
    [InlineData("000000000000.cfg", "000000000000.cfg", ProvisioningFileKind.PolycomMaster, null)]
    [InlineData("0004F2A1B2C3-sophia.cfg", "0004f2a1b2c3-sophia.cfg", ProvisioningFileKind.PolycomPhone, "0004f2a1b2c3")]
    [InlineData("0004f2a1b2c3-DIRECTORY.XML", "0004f2a1b2c3-directory.xml", ProvisioningFileKind.PolycomDirectory, "0004f2a1b2c3")]
    public void File_names_are_understood_in_any_case(string asked, string name, ProvisioningFileKind kind, string? mac)
    {
        Assert.True(FileRequest.TryParse(asked, out var request));
        Assert.Equal(new FileRequest(name, kind, mac is null ? null : MacAddress.Parse(mac)), request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip.ld")]
    [InlineData("0004f2a1b2c3-phone.cfg")]
    [InlineData("0004f2a1b2c3-license.cfg")]
    [InlineData("001565988c06.boot")]
    [InlineData("001565988c0.cfg")]
    [InlineData("00:15:65:98:8c:06.cfg")]
    [InlineData("000000000000-directory.xml")]
    [InlineData("prov/001565988c06.cfg")]
    [InlineData("../001565988c06.cfg")]
    [InlineData("y00000000066.cfg")]
    public void Other_names_are_not_Sophia_files(string asked) => Assert.False(FileRequest.TryParse(asked, out _));

    [Fact]
    public void Only_per_phone_configurations_may_carry_secrets()
    {
        var secret = new[] { "001565988c06.cfg", "0004f2a1b2c3-sophia.cfg" };
        var plain = new[] { "y000000000066.cfg", "001565988c06-phonebook.xml", "000000000000.cfg", "0004f2a1b2c3-directory.xml" };

        Assert.All(secret, n => Assert.True(FileRequest.TryParse(n, out var r) && r.MayContainSecrets));
        Assert.All(plain, n => Assert.True(FileRequest.TryParse(n, out var r) && !r.MayContainSecrets));
    }

    [Fact]
    public void A_server_URL_with_credentials_a_query_or_another_scheme_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ProvisioningContext { ServerUrl = new Uri("https://15rp:prov-demo@prov.example/prov/"), Now = default });
        Assert.Throws<ArgumentException>(() => new ProvisioningContext { ServerUrl = new Uri("https://prov.example/prov/?key=1"), Now = default });
        Assert.Throws<ArgumentException>(() => new ProvisioningContext { ServerUrl = new Uri("ftp://prov.example/"), Now = default });
        Assert.Equal("https://prov.example/prov/", new ProvisioningContext { ServerUrl = new Uri("https://prov.example/prov"), Now = default }.ServerUrl.AbsoluteUri);

        var invalid = new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions { ServerUrl = "http://u:p@prov.example/" });
        Assert.True(invalid.Failed);
        Assert.True(new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions { ServerUrl = "http://prov.example/prov/" }).Succeeded);
    }
}
