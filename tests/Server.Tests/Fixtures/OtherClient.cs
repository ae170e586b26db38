using System.Net;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>A second client with one site and one admin user, made through the API by the helpdesk.</summary>
public sealed record OtherClient(int ClientId, int SiteId, int AdminUserId, string AdminLogin, string AdminPassword)
{
    public static async Task<OtherClient> CreateAsync(HttpClient helpdesk, string name)
    {
        var slug = new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        var client = await helpdesk.PostJson("/api/v1/clients", new
        {
            name,
            sipDomain = $"{slug}.example.net",
            provisioningUser = slug,
            provisioningPassword = $"{slug}-prov-pass",
            registrarHost = $"sip.{slug}.example.net",
        }, HttpStatusCode.Created);
        var site = await helpdesk.PostJson($"/api/v1/clients/{client.Int("id")}/sites", new { name = "Siège" }, HttpStatusCode.Created);
        var password = $"{slug}-admin-pass";
        var admin = await helpdesk.PostJson($"/api/v1/sites/{site.Int("id")}/users", new
        {
            lastName = "Martin",
            firstName = "Anne",
            accountType = "admin",
            password,
        }, HttpStatusCode.Created);
        return new OtherClient(client.Int("id"), site.Int("id"), admin.Int("id"), admin.Str("login"), password);
    }
}
