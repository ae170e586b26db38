using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Parc.Demo;
using Sophia.Parc.Users;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Users;

public sealed class UserOperationsTests
{
    private static UserInput Input(
        string? lastName = null, string? firstName = null, string? email = null, string? language = null, string? mobile = null,
        string? login = null, string? password = null, AccountType? accountType = null, IReadOnlyList<UserServices>? services = null,
        string? outgoingPin = null, string? callRestrictionProfile = null, string? presentedNumber = null) =>
        new(null, lastName, firstName, null, email, language, mobile, null, login, password, accountType, services, outgoingPin, callRestrictionProfile, presentedNumber);

    [Fact]
    public async Task A_new_user_gets_the_guides_login_a_random_SIP_password_and_no_console_password_unless_given()
    {
        await using var parc = await TestParc.CreateAsync();
        var users = parc.Operation<UserOperations>();

        var elodie = await users.CreateAsync(parc.AdminCaller, parc.Mandar, Input("Dupré", "Élodie"), default);
        var anne = await users.CreateAsync(parc.AdminCaller, parc.Mandar, Input("Dupré", "Anne", password: "anne-password"), default);

        Assert.Equal(("edupre@15rp.sewan.eu", "edupre", 1L), (elodie.Login, elodie.SipUsername, elodie.Version));
        Assert.Equal("adupre@15rp.sewan.eu", anne.Login);
        var stored = await parc.Db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        Assert.All(stored, u => Assert.Matches("^[A-Za-z0-9]{24}$", u.SipPassword));
        Assert.NotEqual(stored[0].SipPassword, stored[1].SipPassword);
        Assert.Equal([false, true], stored.Select(u => u.PasswordHash is not null));
    }

    [Fact]
    public async Task Every_bad_field_of_a_new_user_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = Input("---", "Anne", email: "nope", language: "de", mobile: "12", password: "short", outgoingPin: "12a4",
            callRestrictionProfile: "Lunaire", presentedNumber: "12");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().CreateAsync(parc.AdminCaller, parc.Mandar, input, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [("lastName", "lastName.noLetter"), ("email", "email.invalid"), ("language", "language.unsupported"), ("mobile", "phoneNumber.notValidInRegion"),
             ("presentedNumber", "phoneNumber.notValidInRegion"), ("outgoingPin", "outgoingPin.digits"), ("callRestrictionProfile", "callRestrictionProfile.unknown"),
             ("password", "password.tooShort")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("---", error.Errors[0].Args["value"]);
        Assert.Equal(("de", "fr, en"), (error.Errors[2].Args["value"], error.Errors[2].Args["languages"]));
        Assert.Equal(("4", "8"), (error.Errors[5].Args["min"], error.Errors[5].Args["max"]));
        Assert.Equal(("Lunaire", "none"), (error.Errors[6].Args["name"], error.Errors[6].Args["profiles"]));
        Assert.Equal("12", error.Errors[7].Args["min"]);
        Assert.Equal(0, await parc.Db.Users.CountAsync());
    }

    [Theory]
    [InlineData("", null, "lastName", "lastName.required")]
    [InlineData("Martin", "amartin", "login", "login.domain")]
    [InlineData("Martin", "amartin@other.example.net", "login", "login.domain")]
    [InlineData("Martin", "a martin@15rp.sewan.eu", "login", "login.characters")]
    [InlineData("李", null, "login", "login.cannotGenerate")]
    public async Task A_bad_name_or_login_is_refused_naming_it(string lastName, string? login, string field, string code)
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().CreateAsync(parc.AdminCaller, parc.Mandar, Input(lastName, login: login), default));
        var only = Assert.Single(error.Errors);
        Assert.Equal((RuleViolationKind.Invalid, field, code), (error.Kind, only.Field, only.Code));
        if (code == "login.domain")
        {
            Assert.Equal("15rp.sewan.eu", only.Args["domain"]);
        }
        Assert.Equal(0, await parc.Db.Users.CountAsync());
    }

    [Fact]
    public async Task A_login_already_held_by_a_user_or_a_staff_account_is_a_conflict_and_a_generated_one_skips_it()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var users = parc.Operation<UserOperations>();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            users.CreateAsync(parc.AdminCaller, parc.Mandar, Input("Seldon", login: "CSeldon@15rp.sewan.eu"), default));
        Assert.Equal((RuleViolationKind.Conflict, "login", "login.taken", "cseldon@15rp.sewan.eu"),
            (error.Kind, error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["login"]));

        var seldon = await parc.Operation<UserOperations>().CreateAsync(parc.AdminCaller, parc.Wagram, Input("Seldon", "Claire"), default);
        var admin = await parc.Operation<UserOperations>().CreateAsync(parc.AdminCaller, parc.Wagram, Input("Admin"), default);
        Assert.Equal(("cseldon2@15rp.sewan.eu", "admin2@15rp.sewan.eu"), (seldon.Login, admin.Login));
    }

    [Fact]
    public async Task A_plain_user_is_refused_each_admin_only_field_they_send_and_nothing_changes()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var input = Input(language: "en", accountType: AccountType.Admin, services: [UserServices.Fax], presentedNumber: "+33185737636");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().UpdateAsync(TestParc.UserCaller(lu), lu.Id, input, null, default));

        Assert.Equal(RuleViolationKind.Forbidden, error.Kind);
        Assert.Equal(["accountType", "services", "presentedNumber"], error.Errors.Select(e => e.Field));
        Assert.All(error.Errors, e => Assert.Equal(("user.adminOnlyField", e.Field), (e.Code, e.Args["field"])));
        var after = await StoredAsync(parc, lu.Id);
        Assert.Equal(("fr", lu.Version), (after.Language, after.Version));
    }

    [Fact]
    public async Task An_outgoing_PIN_is_stored_hashed_and_only_verified()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var users = parc.Operation<UserOperations>();
        await users.UpdateAsync(parc.AdminCaller, parc.Lu, Input(outgoingPin: "2468"), null, default);

        var stored = (await StoredAsync(parc, parc.Lu)).OutgoingPin;

        Assert.NotNull(stored);
        Assert.DoesNotContain("2468", stored, StringComparison.Ordinal);
        Assert.True(await users.VerifyOutgoingPinAsync(parc.AdminCaller, parc.Lu, "2468", default));
        Assert.False(await users.VerifyOutgoingPinAsync(parc.AdminCaller, parc.Lu, "2469", default));
        Assert.False(await users.VerifyOutgoingPinAsync(parc.AdminCaller, parc.Seldon, "2468", default));
        Assert.True((await users.GetAsync(parc.AdminCaller, parc.Lu, default)).HasOutgoingPin);
    }

    [Fact]
    public async Task A_plain_user_changes_their_own_language_and_PIN_but_finds_no_other_user()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var me = await parc.Operation<UserOperations>().UpdateAsync(TestParc.UserCaller(lu), lu.Id, Input(language: "en", outgoingPin: "2468"), lu.Version, default);
        Assert.Equal(("en", true, lu.Version + 1), (me.Language, me.HasOutgoingPin, me.Version));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().UpdateAsync(TestParc.UserCaller(lu), parc.Seldon, Input(language: "en"), null, default));
        Assert.Equal((RuleViolationKind.NotFound, "userId", "user.notFound"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
    }

    [Fact]
    public async Task A_login_cannot_be_changed_and_is_reported_with_the_other_errors()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<UserOperations>().UpdateAsync(
            parc.AdminCaller, parc.Lu, Input(login: "ricardo@15rp.sewan.eu", email: "nope"), null, default));
        Assert.Equal([("login", "login.immutable"), ("email", "email.invalid")], error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("rlu@15rp.sewan.eu", error.Errors[0].Args["login"]);

        var same = await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Lu, Input(login: "RLU@15rp.sewan.eu", firstName: "Ricardo"), null, default);
        Assert.Equal("rlu@15rp.sewan.eu", same.Login);
    }

    [Fact]
    public async Task An_administrator_picks_a_call_restriction_profile_of_the_client_by_name_and_clears_it_with_an_empty_name()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var national = await AddProfileAsync(parc, parc.ClientId, "National");
        await AddProfileAsync(parc, parc.ClientId, "Interne");
        await AddProfileAsync(parc, other, "Monde");
        var users = parc.Operation<UserOperations>();

        var set = await users.UpdateAsync(parc.AdminCaller, parc.Lu, Input(callRestrictionProfile: "national"), null, default);
        Assert.Equal("National", set.CallRestrictionProfile);
        Assert.Equal(national, (await StoredAsync(parc, parc.Lu)).CallRestrictionProfileId);
        Assert.Equal("National", (await users.GetAsync(parc.AdminCaller, parc.Lu, default)).CallRestrictionProfile);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Lu, Input(callRestrictionProfile: "Monde"), null, default));
        var unknown = Assert.Single(error.Errors);
        Assert.Equal(("callRestrictionProfile", "callRestrictionProfile.unknown", "Monde", "Interne, National"),
            (unknown.Field, unknown.Code, unknown.Args["name"], unknown.Args["profiles"]));
        Assert.Equal(national, (await StoredAsync(parc, parc.Lu)).CallRestrictionProfileId);

        var cleared = await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Lu, Input(callRestrictionProfile: ""), null, default);
        Assert.Null(cleared.CallRestrictionProfile);
    }

    [Fact]
    public async Task A_password_change_by_the_user_ends_their_other_sessions_and_keeps_the_current_one()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var (current, other) = (await AddTokenAsync(parc, lu), await AddTokenAsync(parc, lu));
        var seldons = await AddTokenAsync(parc, await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon));

        await parc.Operation<UserOperations>().UpdateAsync(TestParc.UserCaller(lu) with { TokenId = current }, lu.Id,
            Input(password: "a-new-password") with { CurrentPassword = DemoParc.DemoPassword }, null, default);

        Assert.Equal([current, seldons], await TokenIdsAsync(parc));
        Assert.True(other > current);
    }

    [Theory]
    [InlineData(null, "password.currentRequired")]
    [InlineData("", "password.currentRequired")]
    [InlineData("not-the-password", "password.currentWrong")]
    public async Task A_user_changing_their_own_password_must_give_the_current_one(string? current, string code)
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var (mine, other) = (await AddTokenAsync(parc, lu), await AddTokenAsync(parc, lu));
        var caller = TestParc.UserCaller(lu) with { TokenId = mine };

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<UserOperations>().UpdateAsync(
            caller, lu.Id, Input(password: "a-new-password") with { CurrentPassword = current }, null, default));

        Assert.Equal((RuleViolationKind.Invalid, "currentPassword", code), (refused.Kind, refused.Errors.Single().Field, refused.Errors.Single().Code));
        Assert.Equal(lu.PasswordHash, (await StoredAsync(parc, lu.Id)).PasswordHash);
        Assert.Equal([mine, other], await TokenIdsAsync(parc));
    }

    [Fact]
    public async Task An_administrator_changing_another_users_password_needs_no_current_password()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await StoredAsync(parc, parc.Lu);

        await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Lu, Input(password: "a-new-password"), null, default);

        Assert.NotEqual(before.PasswordHash, (await StoredAsync(parc, parc.Lu)).PasswordHash);
    }

    [Fact]
    public async Task A_password_or_account_type_changed_by_an_administrator_ends_every_session_of_the_user()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);
        await AddTokenAsync(parc, lu);
        await AddTokenAsync(parc, seldon);
        var picard = await AddTokenAsync(parc, await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Picard));

        await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, lu.Id, Input(password: "a-new-password"), null, default);
        await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, seldon.Id, Input(accountType: AccountType.Admin), null, default);
        await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Picard, Input(accountType: AccountType.Individual), null, default);

        Assert.Equal([picard], await TokenIdsAsync(parc));
    }

    [Fact]
    public async Task A_refused_password_change_ends_no_session()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var token = await AddTokenAsync(parc, lu);
        await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, lu.Id, Input(password: "short"), null, default));
        Assert.Equal([token], await TokenIdsAsync(parc));
    }

    [Fact]
    public async Task Renewing_a_SIP_password_saves_a_new_one_returns_it_once_and_moves_the_clients_config_stamp()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);
        var stamp = await ConfigStamps.CurrentAsync(parc.Db, parc.ClientId);

        var renewed = await parc.Operation<UserOperations>().RenewSipPasswordAsync(parc.AdminCaller, parc.Seldon, default);

        var after = await StoredAsync(parc, parc.Seldon);
        Assert.Matches("^[A-Za-z0-9]{24}$", renewed.SipPassword);
        Assert.NotEqual(before.SipPassword, renewed.SipPassword);
        Assert.Equal((renewed.SipPassword, before.Version + 1, renewed.Version), (after.SipPassword, after.Version, after.Version));
        await using var db = parc.NewDb();
        Assert.NotEqual(stamp, await ConfigStamps.CurrentAsync(db, parc.ClientId));
    }

    [Fact]
    public async Task Only_the_users_administrators_and_the_helpdesk_renew_a_SIP_password()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        foreach (var stranger in new[] { TestParc.UserCaller(seldon), new Caller(Role.ClientAdmin, other, null, "admin@autre.example.net") })
        {
            var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
                parc.Operation<UserOperations>().RenewSipPasswordAsync(stranger, seldon.Id, default));
            Assert.Equal((RuleViolationKind.NotFound, "user.notFound"), (error.Kind, error.Errors[0].Code));
        }
        Assert.Equal(seldon.SipPassword, (await StoredAsync(parc, seldon.Id)).SipPassword);
        await parc.Operation<UserOperations>().RenewSipPasswordAsync(TestParc.HelpdeskCaller, seldon.Id, default);
        Assert.NotEqual(seldon.SipPassword, (await StoredAsync(parc, seldon.Id)).SipPassword);
    }

    [Fact]
    public async Task A_user_finds_their_own_phones_with_model_site_and_registration_state()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);
        var t46s = await parc.Db.Equipment.AsNoTracking().SingleAsync(e => e.Mac == TestParc.SeldonT46S);
        var phones = parc.Operation<UserOperations>();

        var unknown = Assert.Single(await phones.ListEquipmentAsync(TestParc.UserCaller(seldon), seldon.Id, default));
        Assert.Equal(("00:15:65:98:8C:06", "yealink-t46s", "Yealink T46S", parc.Mandar, "Mandar"), (unknown.Mac, unknown.Model, unknown.ModelName, unknown.SiteId, unknown.SiteName));
        Assert.Equal(new PhoneRegistrationDto("unknown", null, null), unknown.Registration);

        var since = parc.Clock.GetUtcNow().AddMinutes(-5);
        parc.Db.RegistrationStatuses.Add(new RegistrationStatus
        {
            EquipmentId = t46s.Id,
            Aor = "cseldon@15rp.sewan.eu",
            AorUser = "cseldon",
            State = "registered",
            Since = since,
            CheckedAt = parc.Clock.GetUtcNow(),
        });
        await parc.Db.SaveChangesAsync();
        var registered = Assert.Single(await parc.Operation<UserOperations>().ListEquipmentAsync(parc.AdminCaller, seldon.Id, default));
        Assert.Equal(new PhoneRegistrationDto("registered", since, parc.Clock.GetUtcNow()), registered.Registration);

        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<UserOperations>().ListEquipmentAsync(TestParc.UserCaller(lu), seldon.Id, default));
        Assert.Equal(RuleViolationKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_user_reads_their_SIP_identity_without_its_password()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);

        var sip = await parc.Operation<UserOperations>().GetSipIdentityAsync(TestParc.UserCaller(seldon), seldon.Id, default);

        Assert.Equal(("cseldon", "15rp.sewan.eu", "cseldon@15rp.sewan.eu"), (sip.Username, sip.Domain, sip.Aor));
        Assert.Equal(new SipRegistrarDto("sip.15rp.sewan.eu", 5060, SipTransport.Udp), sip.Registrar);
        var number = Assert.Single(sip.Numbers);
        Assert.Equal("+33185737636", number.E164);
        Assert.Equal(["436", "4636"], number.ShortNumbers);
        Assert.DoesNotContain(seldon.SipPassword, sip.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_user_frees_their_numbers_sends_their_phones_to_the_site_stock_and_ends_their_sessions()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);
        await AddTokenAsync(parc, seldon);

        await parc.Operation<UserOperations>().DeleteAsync(parc.AdminCaller, seldon.Id, seldon.Version, default);

        await using var db = parc.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.Id == seldon.Id));
        Assert.Null((await db.Numbers.SingleAsync(n => n.E164 == "+33185737636")).UserId);
        Assert.False(await db.ShortNumbers.AnyAsync(s => s.Digits == "436" || s.Digits == "4636"));
        var phone = await db.Equipment.SingleAsync(e => e.Mac == TestParc.SeldonT46S);
        Assert.Equal((null, parc.Mandar), (phone.UserId, phone.SiteId));
        Assert.Empty(await TokenIdsAsync(parc));
    }

    [Fact]
    public async Task The_export_lists_each_user_with_their_phones_and_profile()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        await AddProfileAsync(parc, parc.ClientId, "National");
        await parc.Operation<UserOperations>().UpdateAsync(parc.AdminCaller, parc.Seldon, Input(callRestrictionProfile: "National"), null, default);

        var rows = await parc.Operation<UserOperations>().ExportAsync(parc.AdminCaller, parc.Mandar, default);

        Assert.Equal(["rlu@15rp.sewan.eu", "njoly@15rp.sewan.eu", "cseldon@15rp.sewan.eu"], rows.Select(r => r.Login));
        var seldon = rows[2];
        Assert.Equal(("Yealink T46S 00:15:65:98:8C:06", "National", "+33185737636", "436 4636"), (seldon.Equipment, seldon.CallRestrictionProfile, seldon.Numbers, seldon.ShortNumbers));
        Assert.Equal("Polycom VVX 450 00:04:F2:A1:B2:C3", rows[0].Equipment);
        Assert.Equal("", rows[1].Equipment);
    }

    internal static async Task<int> AddProfileAsync(TestParc parc, int clientId, string name)
    {
        await using var db = parc.NewDb();
        var profile = new CallRestrictionProfile { ClientId = clientId, Name = name };
        db.CallRestrictionProfiles.Add(profile);
        await db.SaveChangesAsync();
        return profile.Id;
    }

    private static async Task<User> StoredAsync(TestParc parc, int userId)
    {
        await using var db = parc.NewDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }

    private static async Task<int> AddTokenAsync(TestParc parc, User user)
    {
        await using var db = parc.NewDb();
        var token = new AccessToken
        {
            TokenHash = Guid.NewGuid().ToByteArray(),
            Login = user.Login,
            Role = Role.User,
            ClientId = user.ClientId,
            UserId = user.Id,
            ExpiresAt = parc.Clock.GetUtcNow().AddHours(1),
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync();
        return token.Id;
    }

    private static async Task<List<int>> TokenIdsAsync(TestParc parc)
    {
        await using var db = parc.NewDb();
        return await db.AccessTokens.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }
}
