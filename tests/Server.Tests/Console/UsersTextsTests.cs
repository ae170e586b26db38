using Sophia.Model.Parc;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Users;

namespace Sophia.Server.Tests.Console;

/// <summary>The users' pages name every service, account type, registration state and civility in both languages.</summary>
public sealed class UsersTextsTests
{
    private static readonly ConsoleTexts Texts = new();

    [Fact]
    public void Every_word_the_users_pages_build_from_a_value_exists_in_French_and_English()
    {
        var keys = Enum.GetValues<UserServices>().Where(s => s != UserServices.None).Select(UserWords.Service)
            .Concat(Enum.GetValues<AccountType>().Select(UserWords.AccountType))
            .Concat(new[] { "registered", "not-registered", "unreachable", "unknown" }.Select(UserWords.State))
            .Concat(UserWords.Civilities.Select(UserWords.Civility))
            .Concat(UserTabs.All.Select(t => "users.tab." + t))
            .ToList();
        foreach (var language in ConsoleTexts.Languages)
        {
            var known = Texts.Keys(language);
            Assert.All(keys, key => Assert.Contains(key, known));
        }
    }

    [Fact]
    public void The_services_have_the_guides_French_names()
    {
        var french = new ConsoleTexts();
        var names = Enum.GetValues<UserServices>().Where(s => s != UserServices.None).Select(s => Name(french, s)).ToList();
        Assert.Equal(["Téléphonie fixe", "Téléphonie mobile", "Messagerie instantanée", "Fax", "Pont de conférence"], names);
    }

    private static string Name(ConsoleTexts texts, UserServices service)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr");
        try
        {
            return texts[UserWords.Service(service)];
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
