using Sophia.Model.Parc;

namespace Sophia.Model.Tests.Parc;

public sealed class LoginGeneratorTests
{
    [Theory]
    [InlineData("Seldon", "Cédric", "cseldon@15rp.sewan.eu")]
    [InlineData("Lu", "Ricardo", "rlu@15rp.sewan.eu")]
    [InlineData("De La Fontaine", "Élodie", "edelafontaine@15rp.sewan.eu")]
    [InlineData("N'Diaye", "Aïssa", "andiaye@15rp.sewan.eu")]
    [InlineData("Cœur", "Ørjan", "ocoeur@15rp.sewan.eu")]
    [InlineData("Müller-Straße", null, "mullerstrasse@15rp.sewan.eu")]
    public void Login_is_first_initial_and_last_name_without_accents_or_spaces(string last, string? first, string expected) =>
        Assert.Equal(expected, LoginGenerator.Base(last, first, "15rp.sewan.eu"));

    [Fact]
    public void A_taken_login_gets_the_smallest_free_digit_and_never_the_taken_one()
    {
        var taken = new HashSet<string> { "cseldon@15rp.sewan.eu", "cseldon2@15rp.sewan.eu" };
        Assert.Equal("cseldon3@15rp.sewan.eu", LoginGenerator.Unique("Seldon", "Claire", "15rp.sewan.eu", taken.Contains));
    }

    [Fact]
    public void A_last_name_without_letters_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LoginGenerator.Base("---", null, "15rp.sewan.eu"));
        Assert.Contains("last name", error.Message, StringComparison.Ordinal);
    }
}
